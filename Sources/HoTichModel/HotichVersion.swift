/// hotich's version: the one place it is written. `hotich --version` prints it and every export
/// names it as its producer.
public enum HotichVersion {
    public static let current = "0.4.0"
}
