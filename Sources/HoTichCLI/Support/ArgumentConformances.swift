public import ArgumentParser
public import HoTichModel
package import HoTichExchange

// Values the command line reads directly: ArgumentParser lists their raw values in usage errors.
extension RecordKind: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension VerificationPolicy: ExpressibleByArgument {}
extension BatchState: ExpressibleByArgument {}
extension NonEntryKind: ExpressibleByArgument {}
extension ProgressUnit.Grouping: ExpressibleByArgument {}
extension SearchState: ExpressibleByArgument {}
extension TextEncodingChoice: ExpressibleByArgument {}
extension IdentityMode: ExpressibleByArgument {}


extension OutputFormat: ExpressibleByArgument {}
