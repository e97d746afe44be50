package import HoTichModel

/// The weekly review as one self-contained HTML page: no script, no network, no external font;
/// inline CSS and SVG charts with text alternatives; readable on a phone and printed on A4.
package enum WeeklyPage {
    package static func render(_ review: WeeklyReview, office: String, generatedAt: String, language: Language) -> String {
        let vi = language == .vietnamese
        let wording = WeeklyWording(review: review, language: language)
        let title = wording.title(office: office)
        var html = """
            <!DOCTYPE html>
            <html lang="\(vi ? "vi" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="hotich \(HotichVersion.current)">
            <title>\(HTMLText.escaped(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(HTMLText.escaped(title))</h1>
            <p class="meta">\(HTMLText.escaped(wording.period)) · \(HTMLText.escaped(wording.madeAt(generatedAt)))</p>
            </header>
            <p class="summary">\(HTMLText.escaped(wording.summary))</p>

            """
        html += "<section>\n<h2>\(vi ? "Tiến độ so với kế hoạch" : "Progress against the plan")</h2>\n"
        html += ProgressCharts.burnUp(review.progress, language: language, id: "burnup")
        html += ProgressCharts.percentBars(review.progress.rows, language: language, id: "units")
        html += "</section>\n<section>\n<h2>\(vi ? "Nhịp độ hằng tuần" : "Weekly throughput")</h2>\n"
        html += ProgressCharts.weeklyThroughput(review.progress, language: language, id: "weekly")
        html += "</section>\n<section>\n<h2>\(HTMLText.escaped(wording.progressHeading))</h2>\n"
        html += ProgressTables.weekly(review, language: language).renderHTML(language: language, caption: wording.progressHeading)
        html += "</section>\n<section>\n<h2>\(HTMLText.escaped(wording.qualityHeading))</h2>\n"
        html += ProgressTables.quality(review, language: language).renderHTML(language: language, caption: wording.qualityHeading)
        html += "</section>\n<section>\n<h2>\(HTMLText.escaped(wording.riskHeading))</h2>\n"
        let risk = ProgressTables.atRisk(review, language: language)
        html += risk.rows.isEmpty
            ? "<p>\(HTMLText.escaped(wording.noRisk))</p>\n" : risk.renderHTML(language: language, caption: wording.riskHeading)
        html += "</section>\n<section>\n<h2>\(HTMLText.escaped(wording.awaitingHeading))</h2>\n"
        let awaiting = ProgressTables.awaiting(review, language: language)
        html += awaiting.rows.isEmpty
            ? "<p>\(HTMLText.escaped(wording.nothingAwaits))</p>\n" : awaiting.renderHTML(language: language, caption: wording.awaitingHeading)
        html += "</section>\n<section>\n<h2>\(HTMLText.escaped(wording.auditHeading))</h2>\n"
        html += "<p class=\"audit\">\(HTMLText.escaped(wording.audit).replacingBackticks())</p>\n</section>\n"
        html += "<footer><p>\(HTMLText.escaped(wording.method))</p></footer>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// Dark text on white (15:1), links and marks at 4.5:1 or more; system fonts only.
    static let style = """
        :root { color: #1f2328; background: #ffffff; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
        body { margin: 0; line-height: 1.45; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
        .meta { color: #57606a; margin: 0; }
        .summary { font-size: 1.05rem; }
        figure { margin: 1rem 0; }
        svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: .85rem; color: #57606a; margin-top: .25rem; }
        .legend { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .9rem; }
        .swatch { display: inline-block; width: 1.6rem; height: .7rem; margin-right: .35rem; vertical-align: middle; }
        .swatch.solid { border-top: 3px solid var(--swatch); height: 0; }
        .swatch.dashed { border-top: 3px dashed var(--swatch); height: 0; }
        .swatch.area { background: var(--swatch); opacity: .6; border: 1px solid #9a6700; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .9rem; min-width: 100%; }
        caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        .n { text-align: right; font-variant-numeric: tabular-nums; }
        code { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        footer { margin-top: 2rem; font-size: .85rem; color: #57606a; }
        @media (max-width: 40rem) { main { padding: .5rem; } table { font-size: .8rem; } }
        @page { size: A4; margin: 15mm; }
        @media print {
          main { max-width: none; padding: 0; }
          section, figure, table { break-inside: avoid; }
          .table { overflow: visible; }
          h2 { break-after: avoid; }
        }
        """
}

private extension String {
    /// `code` spans for text the wording quotes between backticks (already escaped).
    func replacingBackticks() -> String {
        var out = ""
        var open = false
        for character in self {
            if character == "`" {
                out += open ? "</code>" : "<code>"
                open.toggle()
            } else {
                out.append(character)
            }
        }
        return open ? out + "</code>" : out
    }
}
