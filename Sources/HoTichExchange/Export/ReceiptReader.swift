public import Foundation
import HoTichXML

/// What a receiving system answered for one record version.
public struct ReceiptResult: Sendable, Equatable {
    public enum Status: String, Sendable { case accepted, rejected }
    public let recordId: String
    public let recordVersion: Int
    public let status: Status
    public let code: String?
    public let message: String?
}

/// A receipt (`exportReceipt`), read after it has been validated against the schema.
public struct Receipt: Sendable {
    public let packageId: String
    public let receivedAt: String
    public let results: [ReceiptResult]

    /// Validates the file at `url` as a receipt and reads it.
    /// - Throws: ``ReceiptError`` naming the problems when it is not a valid receipt.
    public static func read(_ url: URL) throws -> Receipt {
        let report = ExportValidator.validate(file: url)
        guard report.isValid, report.document == .receipt else {
            throw ReceiptError(problems: report.document == .receipt ? report.describe(limit: 5) : "not an exportReceipt document")
        }
        do {
            let reader = try XMLStreamReader(path: url.path)
            var packageId = ""
            var receivedAt = ""
            var results: [ReceiptResult] = []
            var current: (id: String, version: Int, status: ReceiptResult.Status)?
            var code: String?
            var message: String?
            var element = ""
            while try reader.read() {
                switch reader.nodeType {
                case .element:
                    element = reader.localName
                    if element == "result" {
                        current = (reader.attribute("recordId") ?? "", Int(reader.attribute("recordVersion") ?? "") ?? 0,
                                   ReceiptResult.Status(rawValue: reader.attribute("status") ?? "") ?? .rejected)
                        code = nil
                        message = nil
                        if reader.isEmptyElement, let result = current {
                            results.append(ReceiptResult(recordId: result.id, recordVersion: result.version, status: result.status, code: nil, message: nil))
                            current = nil
                        }
                    }
                case .text:
                    switch element {
                    case "packageId": packageId += reader.value
                    case "receivedAt": receivedAt += reader.value
                    case "code": code = (code ?? "") + reader.value
                    case "message": message = (message ?? "") + reader.value
                    default: break
                    }
                case .endElement:
                    if reader.localName == "result", let result = current {
                        results.append(ReceiptResult(recordId: result.id, recordVersion: result.version, status: result.status, code: code, message: message))
                        current = nil
                    }
                    element = ""
                default:
                    break
                }
            }
            return Receipt(packageId: packageId, receivedAt: receivedAt, results: results)
        } catch {
            throw ReceiptError(problems: "\(error)")
        }
    }
}

/// A receipt that cannot be used, with what is wrong with it.
public struct ReceiptError: Error, Sendable {
    public let problems: String
}
