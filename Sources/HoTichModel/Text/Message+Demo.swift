extension Message {
    /// What `hotich demo` says it does at each step.
    static func demoStep(_ step: DemoStep, in language: Language) -> String {
        switch step {
        case .createWorkspace: language == .vietnamese
            ? "Tạo không gian làm việc cho phường Phúc Xá (mã 00001), quản trị viên quantri"
            : "Create a workspace for Phúc Xá ward (code 00001), administrator quantri"
        case .addUsers: language == .vietnamese
            ? "Thêm người dùng: giám sát, hai người nhập liệu, một người kiểm tra"
            : "Add users: a supervisor, two operators, a verifier"
        case .operatorCannotReceive: language == .vietnamese
            ? "Một người nhập liệu thử nhận lô: bị từ chối vì không có vai trò giám sát"
            : "An operator tries to receive a batch: refused, it needs the supervisor role"
        case .receiveFlawedFolder: language == .vietnamese
            ? "Nhận một thư mục có tệp lỗi: từng tệp được báo một dòng, lô bị từ chối"
            : "Receive a folder with bad files: one line per file, the batch is refused"
        case .receiveBook: language == .vietnamese
            ? "Nhận quyển sổ khai sinh 2017, quyển 01: 12 tệp PDF, kiểm tra nội dung và băm SHA-256"
            : "Receive the 2017 birth register, volume 01: 12 PDFs, checked by content and hashed with SHA-256"
        case .receiveAgain: language == .vietnamese
            ? "Nhận lại cùng thư mục: không tạo lô thứ hai"
            : "Receive the same folder again: no second batch"
        case .checkFiles: language == .vietnamese
            ? "Kiểm tra tính toàn vẹn của tệp so với danh mục"
            : "Check the files against the manifest"
        case .holdAndRelease: language == .vietnamese
            ? "Tạm dừng lô rồi cho tiếp tục"
            : "Put the batch on hold, then release it"
        case .importBothPasses: language == .vietnamese
            ? "Hai người nhập liệu nhập lô từ bảng tính (nhập hai lần, độc lập): lần 1 do nhaplieu1, lần 2 do nhaplieu2"
            : "Two operators key the batch from spreadsheets (double, blind): pass 1 by nhaplieu1, pass 2 by nhaplieu2"
        case .importAgain: language == .vietnamese
            ? "Nhập lại cùng tệp: không tạo bản ghi trùng"
            : "Import the same file again: no duplicate records"
        case .verify: language == .vietnamese
            ? "Người kiểm tra so sánh hai lần nhập và chạy các quy tắc: bản ghi khớp được xác nhận, chỗ khác nhau thành chênh lệch"
            : "The verifier compares the two passes and runs every check: agreeing records are verified, differences become conflicts"
        case .arbitrate: language == .vietnamese
            ? "Người kiểm tra (không phải người nhập) đối chiếu từng chênh lệch và từng giá trị không chắc chắn với ảnh"
            : "The verifier (not one of the keyers) settles each conflict and confirms each uncertain value against the image"
        case .errorRates: language == .vietnamese
            ? "Tỷ lệ lỗi theo người: lỗi của người nhập trên 1.000 trường, số trường người kiểm tra đã quyết định"
            : "Error rates per person: keyer errors per 1,000 fields, fields each verifier decided"
        case .export: language == .vietnamese
            ? "Giám sát xuất lô đã kiểm tra: tệp XML theo lược đồ hotich-export/1, băm SHA-256, kiểm tra lại, danh mục gói ghi sau cùng"
            : "The supervisor exports the verified batch: XML in the hotich-export/1 schema, SHA-256, validated, the manifest written last"
        case .exportMinistry: language == .vietnamese
            ? "Xuất lại cùng lô theo mẫu của Bộ: mỗi quyển một bảng tính (cột theo thứ tự của Bộ) và một tệp zip mỗi trường hợp một PDF"
            : "Export the same batch again in the Ministry's form: per book a spreadsheet (the Ministry's columns) and a zip of one PDF per entry"
        case .status: language == .vietnamese
            ? "Tình hình theo cơ quan và trạng thái"
            : "Status per office and state"
        case .auditChain: language == .vietnamese
            ? "Kiểm tra chuỗi mã băm của nhật ký kiểm toán"
            : "Verify the audit trail's hash chain"
        case .plan: language == .vietnamese
            ? "Giám sát đặt kế hoạch cho phường: 2.000 bản ghi được kiểm tra xong trong sáu tháng"
            : "The supervisor sets the ward's plan: 2,000 records verified within six months"
        case .progress: language == .vietnamese
            ? "Tiến độ so với kế hoạch: nhịp độ theo ngày làm việc, nhịp cần để kịp hạn, ngày dự kiến xong và khoảng dự báo"
            : "Progress against the plan: pace per working day, the pace the due date needs, the forecast finish and its range"
        case .search: language == .vietnamese
            ? "Tìm một trường hợp theo tên gõ không dấu (hoang duc minh), rồi xem toàn bộ quá trình của bản ghi"
            : "Find an entry by its name typed without diacritics (hoang duc minh), then the record's whole story"
        case .weeklyReview: language == .vietnamese
            ? "Báo cáo tuần để gửi: một trang HTML tự chứa, có biểu đồ, mở được trên điện thoại và in khổ A4"
            : "The weekly review to send: one self-contained HTML page with charts, readable on a phone and printable on A4"
        }
    }
}
