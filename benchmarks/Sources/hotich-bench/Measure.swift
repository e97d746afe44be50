import Foundation

/// Wall-clock timing and the process's peak memory, read from the operating system.
enum Measure {
    /// Peak resident set size of this process so far, in MiB (getrusage `ru_maxrss`).
    static var peakMemoryMiB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Runs `body` and returns its result and the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The value at `fraction` (0…1) of sorted `values`.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction + 0.5))]
    }

    /// One result line: `name | value | unit | context`, tab separated for `benchmarks/run`.
    static func report(_ name: String, _ value: String, _ unit: String, _ context: String) {
        print("RESULT\t\(name)\t\(value)\t\(unit)\t\(context)\tpeak \(String(format: "%.0f", peakMemoryMiB)) MiB")
    }
}
