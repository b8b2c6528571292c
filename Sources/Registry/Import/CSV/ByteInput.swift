import Foundation

/// A file or stdin read in fixed 1 MiB chunks, so memory stays bounded whatever the file size.
public final class ByteInput {
  public static let chunkSize = 1 << 20
  /// Name used in messages (`-` is shown as `stdin`).
  public let name: String
  /// Total size when known (a regular file), for progress by bytes.
  public let totalBytes: Int64?
  private let fd: Int32
  private let ownsFD: Bool
  let buffer: UnsafeMutablePointer<UInt8>
  /// Valid bytes in `buffer` and the read position in them.
  @exclusivity(unchecked) var count = 0
  @exclusivity(unchecked) var position = 0
  /// Bytes consumed before the current chunk.
  public private(set) var consumedBefore: Int64 = 0
  private var atEnd = false
  /// The bytes of an in-memory input (tests and fuzzing), read in the same chunks as a file.
  private let memory: [UInt8]?
  private var memoryOffset = 0

  /// Reads `bytes` as if they were a file called `name`.
  public init(bytes: [UInt8], name: String) {
    fd = -1
    ownsFD = false
    self.name = name
    totalBytes = Int64(bytes.count)
    memory = bytes
    buffer = .allocate(capacity: Self.chunkSize)
  }

  /// Opens `path`, or stdin when `path` is `-`.
  public init(path: String) throws {
    memory = nil
    if path == "-" {
      fd = 0
      ownsFD = false
      name = "stdin"
      totalBytes = nil
    } else {
      fd = open(path, O_RDONLY)
      guard fd >= 0 else {
        throw RegistryError.input(
          file: path, line: 0, field: "file",
          reason: "cannot read the file (\(String(cString: strerror(errno))))")
      }
      ownsFD = true
      name = path
      #if os(Linux)
        // Read front to back once: ask for aggressive read-ahead.
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
      #endif
      var st = stat()
      totalBytes = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int64(st.st_size) : nil
    }
    buffer = .allocate(capacity: Self.chunkSize)
  }

  deinit {
    buffer.deallocate()
    if ownsFD { close(fd) }
  }

  /// Bytes read so far.
  public var bytesRead: Int64 { consumedBefore + Int64(position) }

  /// Reads the next chunk once the current one is consumed; false at the end of input.
  func refill() throws -> Bool {
    if position < count { return true }
    if atEnd { return false }
    consumedBefore += Int64(count)
    position = 0
    count = 0
    if let memory {
      let n = min(Self.chunkSize, memory.count - memoryOffset)
      memory.withUnsafeBufferPointer { m in
        if n > 0 { buffer.update(from: m.baseAddress! + memoryOffset, count: n) }
      }
      memoryOffset += n
      if n == 0 { atEnd = true }
      count = n
      return n > 0
    }
    while true {
      let n = read(fd, buffer, Self.chunkSize)
      if n < 0 {
        if errno == EINTR { continue }
        throw RegistryError.input(
          file: name, line: 0, field: "file",
          reason: "read error (\(String(cString: strerror(errno))))")
      }
      if n == 0 { atEnd = true }
      count = n
      return n > 0
    }
  }

  /// The first bytes of the input without consuming them (at most one chunk), for sniffing.
  func peek() throws -> UnsafeBufferPointer<UInt8> {
    _ = try refill()
    return UnsafeBufferPointer(start: buffer + position, count: count - position)
  }

  /// Reads all remaining bytes (for a JSON array, which is parsed whole).
  func readAll() throws -> Data {
    var data = Data()
    while try refill() {
      data.append(buffer + position, count: count - position)
      position = count
    }
    return data
  }
}
