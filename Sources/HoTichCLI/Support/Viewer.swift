import Foundation

/// The image viewer named by `HOTICH_VIEWER`, opened on a scan without waiting for it.
enum Viewer {
    static func open(_ url: URL?) {
        guard let url, let viewer = ProcessInfo.processInfo.environment["HOTICH_VIEWER"], !viewer.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(viewer) \"$1\" >/dev/null 2>&1 &", "hotich-viewer", url.path]
        try? process.run()
        process.waitUntilExit()
    }
}
