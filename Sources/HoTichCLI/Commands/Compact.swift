import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich compact`: the database file without its free pages.
struct Compact: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Thu gọn cơ sở dữ liệu (quản trị viên) / compact the workspace database (administrator).",
        discussion: """
            Trả lại đĩa phần trống trong tệp hotich.sqlite, ví dụ sau khi nâng cấp đã dựng lại một bảng. \
            Cần không gian làm việc không có ai khác đang dùng và chỗ trống trên đĩa cỡ bằng tệp. \
            Gives the disk back the free space inside hotich.sqlite, for example after an upgrade rebuilt a table. \
            Needs the workspace to itself and free disk space about the size of the file.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (before, after) = try global.session().compactWorkspace()
        Console.current.line(Message.workspaceCompacted(before: before, after: after).text(in: global.language))
    }
}
