public import Foundation
import HoTichExchange
public import HoTichModel
import HoTichStore
import Logging

/// A record version the receiving system rejected, as a supervisor sees it.
public struct RejectedRecord: Sendable, Equatable {
    public let batchID: String
    public let number: String?
    public let recordId: String
    public let version: Int
    public let code: String?
    public let message: String?

    public init(batchID: String, number: String?, recordId: String, version: Int, code: String?, message: String?) {
        self.batchID = batchID
        self.number = number
        self.recordId = recordId
        self.version = version
        self.code = code
        self.message = message
    }
}

/// What applying a receipt did.
public struct ReceiptReport: Sendable {
    public let packageID: String
    public let accepted: Int
    /// Rejected record versions, queued for correction and a new export.
    public let rejected: [RejectedRecord]
    /// Results that name no record version of the package (counted, not applied).
    public let unknown: Int
}

extension Session {
    /// Reads a receipt for an export package: marks accepted record versions, and lists rejected
    /// ones with the receiver's code and message, queued for correction and re-export.
    public func applyReceipt(_ url: URL, now: Date = Date()) throws -> ReceiptReport {
        try require(.recordReceipts)
        let receipt: Receipt
        do {
            receipt = try Receipt.read(url)
        } catch let error as ReceiptError {
            throw HoTichError(.receiptInvalid(path: url.path, problems: error.problems))
        }
        let me = user.name
        let time = Timestamp.text(for: now)
        let report = try workspace.store.write { tx -> ReceiptReport in
            guard try tx.exportPackage(id: receipt.packageId)?.state == .complete else {
                throw HoTichError(.receiptUnknownPackage(receipt.packageId))
            }
            var accepted = 0
            var unknown = 0
            var rejected: [RejectedRecord] = []
            for result in receipt.results {
                let delivered = try tx.recordReceipt(
                    package: receipt.packageId, record: result.recordId, version: result.recordVersion, status: result.status.rawValue,
                    code: result.code, at: receipt.receivedAt)
                guard delivered else {
                    unknown += 1
                    continue
                }
                if result.status == .accepted {
                    accepted += 1
                } else {
                    let location = try tx.recordLocation(id: result.recordId)
                    rejected.append(RejectedRecord(
                        batchID: location?.batchId ?? "?", number: location?.number, recordId: result.recordId,
                        version: result.recordVersion, code: result.code, message: result.message))
                }
            }
            try tx.appendAudit(
                AuditEntry(actor: me, action: .receipt, subject: receipt.packageId,
                           reason: "accepted \(accepted), rejected \(rejected.count), unknown \(unknown)"),
                at: time)
            return ReceiptReport(packageID: receipt.packageId, accepted: accepted, rejected: rejected, unknown: unknown)
        }
        workspace.logger.info(
            "receipt applied",
            metadata: ["package": "\(report.packageID)", "accepted": "\(report.accepted)", "rejected": "\(report.rejected.count)"])
        return report
    }

    /// Exported record versions: accepted, rejected, awaiting a receipt.
    public func exportStatus() throws -> ExportStatus {
        try require(.viewWork)
        return try workspace.store.read { tx in try tx.exportStatus() }
    }
}
