import Foundation
import HoTichModel
import HoTichTestSupport
import Testing

/// The demo's workspace (one book keyed twice, verified and exported), for the reports to read.
final class DemoWorkspace {
    let root: URL
    var path: String { root.appendingPathComponent("workspace").path }

    init(lang: String = "en") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-report-\(UUID().uuidString)")
        let run = CapturedRun.run(["demo", "--into", root.path, "--lang", lang])
        #expect(run.exitCode == 0, "\(run.err)")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func run(_ arguments: [String], as user: String = "giamsat", lang: String? = nil) -> CapturedRun {
        var full = arguments + ["--workspace", path, "--as", user]
        if let lang { full += ["--lang", lang] }
        return CapturedRun.run(full)
    }
}

/// Where Debian's `chromium` (or another Chromium) is, if installed.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite struct ReportFlowTests {
    @Test func theDemoEndsWithTheProgressReportAndTheWeeklyPage() throws {
        let ws = try DemoWorkspace()
        let page = ws.root.appendingPathComponent("weekly-review.html")
        let attributes = try FileManager.default.attributesOfItem(atPath: page.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"en\">"))
        #expect(html.contains("<svg id=\"burnup\"") && html.contains("<svg id=\"units\"") && html.contains("<svg id=\"weekly\""))
        #expect(html.contains("<title id=\"burnup-title\">") && html.contains("<desc id=\"burnup-desc\">"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("url("))
        #expect(html.contains("@page { size: A4"))
    }

    @Test func progressInEveryFormatAndLanguage() throws {
        let ws = try DemoWorkspace()
        let vietnamese = ws.run(["report", "progress"])
        #expect(vietnamese.exitCode == 0, "\(vietnamese.err)")
        #expect(vietnamese.out.contains("Đã kiểm tra") && vietnamese.out.contains("Dự kiến xong") && vietnamese.out.contains("Toàn bộ"))
        let english = ws.run(["report", "progress", "--by", "kind"], lang: "en")
        #expect(english.out.contains("Verified") && english.out.contains("00001 · Birth"), "\(english.out)")
        let csv = ws.run(["report", "progress", "--format", "csv", "--from", CivilDate.today().adding(days: -6).iso])
        let rows = csvRows(csv.out)
        #expect(rows["00001"]?["verified"] == "12" && rows["00001"]?["doneInPeriod"] == "12" && rows["00001"]?["plan"] == "2000")
        #expect(rows["*"]?["status"] == "late", "12 a working day cannot verify 2 000 in six months")
        let json = ws.run(["report", "progress", "--by", "batch", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(objects.first?["unit"] as? String == "KS-00001-2017-01-1" && objects.first?["exported"] as? Int == 12)
        let people = csvRows(ws.run(["report", "progress", "--by", "operator", "--format", "csv"]).out)
        #expect(people["nhaplieu1"]?["keyings"] == "12" && people["kiemtra"]?["verified"] == "12")

        #expect(ws.run(["report", "progress", "--to", "2026-02-30"]).exitCode == 64)
        let backwards = ws.run(["report", "progress", "--from", "2026-12-01", "--to", "2026-11-01"], lang: "en")
        #expect(backwards.exitCode == 64 && backwards.err.contains("ends (2026-11-01) before it starts (2026-12-01)"))
        let hostile = ws.run(["report", "progress", "--from", "2026-1\u{1B}[2J"], lang: "en")
        #expect(hostile.exitCode == 64 && !hostile.err.contains("\u{1B}"))
    }

    @Test func theWeeklyReviewInEveryFormat() throws {
        let ws = try DemoWorkspace()
        let markdown = ws.run(["report", "weekly"])
        #expect(markdown.exitCode == 0, "\(markdown.err)")
        #expect(markdown.out.hasPrefix("# Báo cáo tiến độ số hóa sổ hộ tịch"))
        #expect(markdown.out.contains("## Đơn vị có nguy cơ chậm") && markdown.out.contains("Sẽ chậm"))
        #expect(markdown.out.contains("## Nhật ký kiểm toán") && markdown.out.contains("mã băm cuối: `"))
        let english = ws.run(["report", "weekly", "--format", "table"], lang: "en")
        #expect(english.out.contains("Verified this week"))
        let csv = ws.run(["report", "weekly", "--format", "csv"])
        #expect(csv.out.hasPrefix("unit,verifiedInPeriod,"))
        let json = ws.run(["report", "weekly", "--format", "json", "--week", CivilDate.today().isoWeekText])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["week"] as? String == CivilDate.today().isoWeekText)
        #expect((object["unitsAtRisk"] as? [[String: Any]])?.first?["status"] as? String == "late")
        let last = ws.run(["report", "weekly", "--week", "2020-W10", "--format", "json"])
        let quiet = try #require(try JSONSerialization.jsonObject(with: Data(last.out.utf8)) as? [String: Any])
        #expect((quiet["overall"] as? [String: Any])?["inPeriod"].flatMap { ($0 as? [String: Any])?["verified"] as? Int } == 0)
        let today = CivilDate.today()
        let month = ws.run(["report", "weekly", "--from", today.adding(days: -29).iso, "--to", today.iso, "--format", "json"])
        let period = try #require(try JSONSerialization.jsonObject(with: Data(month.out.utf8)) as? [String: Any])
        #expect(period["week"] == nil && period["from"] as? String == today.adding(days: -29).iso && period["to"] as? String == today.iso)
        #expect(ws.run(["report", "weekly", "--from", today.adding(days: -6).iso]).out.contains("Trong kỳ kiểm tra xong 12 bản ghi"))
        #expect(ws.run(["report", "weekly", "--week", "2026-W48", "--from", "2026-11-23"]).exitCode == 64)
        #expect(ws.run(["report", "weekly", "--week", "2026-48"]).exitCode == 64)
        #expect(ws.run(["report", "weekly", "--by", "batch"]).exitCode == 64)
        let page = ws.root.appendingPathComponent("sent/tuan.html")
        #expect(ws.run(["report", "weekly", "--html", page.path]).exitCode == 1, "a folder that does not exist is a failure, said in words")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let written = ws.run(["report", "weekly", "--html", page.path, "--format", "json"])
        #expect(written.exitCode == 0 && written.err.contains(page.path))
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<html lang=\"vi\">"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: page.deletingLastPathComponent().path)
        #expect(leftovers == ["tuan.html"], "no partial file is left beside it")
    }

    @Test func peopleSeeTheirOwnFiguresAndSupervisorsEveryones() throws {
        let ws = try DemoWorkspace()
        let all = csvRows(ws.run(["report", "operators", "--format", "csv"]).out)
        #expect(Set(all.keys).isSuperset(of: ["nhaplieu1", "nhaplieu2", "kiemtra"]))
        #expect(all["nhaplieu2"]?["errors"] == "3" && all["nhaplieu2"]?["errorsPerThousand"] == "9.26")
        #expect(all["nhaplieu2"]?["shareCorrected"] == "25.0", "three of the twelve records needed a correction")
        let own = csvRows(ws.run(["report", "operators", "--format", "csv"], as: "nhaplieu1").out)
        #expect(Array(own.keys) == ["nhaplieu1"])
        let ownProgress = csvRows(ws.run(["report", "progress", "--by", "operator", "--format", "csv"], as: "nhaplieu2").out)
        #expect(Array(ownProgress.keys) == ["nhaplieu2"])
        #expect(ws.run(["plan", "set", "--office", "00001", "--records", "5", "--due", "2027-01-01"], as: "nhaplieu1").exitCode == 1)
        #expect(ws.run(["report", "rebuild"], as: "nhaplieu1").exitCode == 1)
        let rebuilt = ws.run(["report", "rebuild"], lang: "en")
        #expect(rebuilt.exitCode == 0 && rebuilt.out.contains("it matched the data"))
    }

    @Test func plansAndTheCalendarFromTheCommandLine() throws {
        let ws = try DemoWorkspace()
        #expect(ws.run(["plan", "set", "--office", "00001", "--kind", "KS", "--records", "900", "--due", "2027-06-30"]).exitCode == 0)
        let revised = ws.run(["plan", "set", "--office", "00001", "--records", "2500", "--due", "2027-09-30", "--start", "2026-11-01"], lang: "en")
        #expect(revised.out.contains("Plan set for 00001: 2,500 records verified by 2027-09-30 (revision 2)."), "\(revised.out)")
        #expect(csvRows(ws.run(["plan", "list", "--format", "csv"]).out).count == 2)
        #expect(ws.run(["plan", "list", "--history", "--format", "json"]).out.components(separatedBy: "\"revision\"").count == 4)
        #expect(ws.run(["plan", "set", "--office", "0x1", "--records", "5", "--due", "2027-01-01"]).exitCode == 64)
        #expect(ws.run(["plan", "set", "--office", "00001", "--records", "-5", "--due", "2027-01-01"]).exitCode == 64)

        let year = ws.run(["calendar", "list", "--year", "2026", "--format", "csv"])
        #expect(year.out.contains("2026-02-17,tet,false"))
        #expect(ws.run(["calendar", "set", "2026-02-21", "--working"]).exitCode == 64, "a reason is required")
        #expect(ws.run(["calendar", "set", "2026-02-21", "--working", "--off", "--reason", "x"]).exitCode == 64)
        #expect(ws.run(["calendar", "set", "2026-02-21", "2026-02-28", "--working", "--reason", "Làm bù Tết"]).exitCode == 0)
        #expect(ws.run(["calendar", "list", "--year", "2026", "--format", "csv"]).out.contains("2026-02-21,,true,Làm bù Tết,giamsat"))
        #expect(ws.run(["calendar", "clear", "2026-02-21"]).exitCode == 0)
        #expect(ws.run(["calendar", "clear", "2026-02-21"]).exitCode == 1)
        #expect(ws.run(["calendar", "set", "2026-03-02", "--off", "--reason", "x"], as: "nhaplieu1").exitCode == 1)
    }

    /// The page as a reader sees it: Chromium draws it, and the burn-up's lines and the risk bars
    /// are where the page puts them.
    @Test(.enabled(if: chromium != nil, "Chromium is not installed (Debian: apt-get install chromium); the page is not rendered"))
    func theWeeklyPageRendersInHeadlessChromium() throws {
        let ws = try DemoWorkspace()
        let page = ws.root.appendingPathComponent("weekly-review.html")
        let png = ws.root.appendingPathComponent("weekly-review.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(ws.root.appendingPathComponent("chromium").path)", "--window-size=900,1400",
            "--screenshot=\(png.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let image = try PNGImage(data: Data(contentsOf: png))
        #expect(image.width == 900 && image.height == 1400)
        #expect(image.inkedShare > 0.02, "the page is not blank")
        // The verified line (#0550ae) and the plan line's grey are drawn in the burn-up, below the
        // title and summary and above the bars; the late bar (#cf222e) comes after the burn-up.
        let verified = image.rows(containing: (0x05, 0x50, 0xAE), tolerance: 20)
        let late = image.rows(containing: (0xCF, 0x22, 0x2E), tolerance: 20)
        #expect(!verified.isEmpty && !late.isEmpty)
        if let firstVerified = verified.first, let firstLate = late.first {
            #expect(firstVerified > 120 && firstVerified < 700, "the burn-up sits under the heading (row \(firstVerified))")
            #expect(firstLate > firstVerified, "the bar of % done comes after the burn-up")
        }
    }
}
