import Foundation
import HoTichExchange
public import HoTichModel
import HoTichXML

/// Reads what the operating system said about a file out of the errors Foundation, libxml2's
/// writer and hotich's own writers throw, so that a failure reaches the user as a catalog message
/// naming the file and what to do — never as a raw error string.
public enum FileSystemFailure {
    /// What went wrong and with which path, when `error` is (or wraps) a failure of the system's;
    /// `nil` for any other error. `fallbackPath` names the file when the error does not.
    public static func describe(_ error: any Error, fallbackPath: String? = nil) -> (path: String, problem: FileSystemProblem)? {
        guard let (path, problem) = inspect(error) else { return nil }
        return (path ?? fallbackPath ?? "?", problem)
    }

    /// The catalog error for a system failure, or `nil` when `error` is not one.
    public static func hotichError(for error: any Error, fallbackPath: String? = nil) -> HoTichError? {
        describe(error, fallbackPath: fallbackPath).map { HoTichError(.fileSystemFailure(path: $0.path, problem: $0.problem)) }
    }

    private static func inspect(_ error: any Error) -> (String?, FileSystemProblem)? {
        switch error {
        case let error as CocoaError:
            let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).flatMap(inspect)
            return (error.filePath ?? underlying?.0, problem(of: error.code) ?? underlying?.1 ?? .other)
        case let error as POSIXError:
            return (nil, problem(errno: error.code.rawValue))
        case let error as WriteError:
            return error.underlying.flatMap(inspect)
        case let error as ExportWriteError:
            return (error.path, error.errno.map(problem(errno:)) ?? .other)
        default:
            let bridged = error as NSError
            if bridged.domain == NSPOSIXErrorDomain { return (nil, problem(errno: Int32(bridged.code))) }
            return nil
        }
    }

    private static func problem(of code: CocoaError.Code) -> FileSystemProblem? {
        switch code {
        case .fileWriteOutOfSpace: .diskFull
        case .fileWriteNoPermission, .fileReadNoPermission: .noPermission
        case .fileNoSuchFile, .fileReadNoSuchFile: .notFound
        case .fileWriteVolumeReadOnly: .readOnly
        default: nil
        }
    }

    private static func problem(errno code: Int32) -> FileSystemProblem {
        switch code {
        case ENOSPC, EDQUOT: .diskFull
        case EACCES, EPERM: .noPermission
        case ENOENT, ENOTDIR: .notFound
        case EROFS: .readOnly
        default: .other
        }
    }
}

/// The XML writer's failure, named here so that this file reads without its module prefix.
typealias WriteError = XMLStreamWriter.WriteError
