/// A request the registry cannot answer as asked: a parameter value it does not know. The
/// command line shows the message as a usage error; a web page answers 400 naming the parameter.
public struct RequestError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The parameter, as the command line spells it (`--region`); a web page strips the dashes.
  public let parameter: String
  public let message: String

  public init(_ parameter: String, _ message: String) {
    self.parameter = parameter
    self.message = message
  }

  public var description: String { message }
}
