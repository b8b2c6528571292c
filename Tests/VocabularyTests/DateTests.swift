import Foundation
import Testing

@testable import Vocabulary

@Suite struct DateTests {
  @Test func dayRoundTripsThroughEpochDays() {
    // 2024-02-29 is day 19782 since 1970-01-01 (54 years: 13 leap days -> 54*365+13 = 19723, +59).
    let d = Day("2024-02-29")!
    #expect(d.number == 19782)
    #expect(Day(number: 19782) == d)
    #expect(Day("1969-12-31")!.number == -1)
    #expect(Day("2023-02-29") == nil)
    #expect(Day("2023-13-01") == nil)
  }

  @Test func plainDaysAndTheOtherFormsParseAlike() {
    // The ten-byte fast path and the general path agree: same day, same refusals.
    let d = Day(year: 2024, month: 1, day: 2)
    #expect(Day("2024-01-02") == d)
    #expect(Day(" 2024-01-02 ") == d)  // trimmed by the general path
    #expect(Day("2024-01-02T10:00:00Z") == d)  // date part of a date-time
    #expect(Day("2024-1-02") == nil)
    #expect(Day("2024-01-0x") == nil)
    #expect(Day("1799-12-31") == nil)  // years 1800-2200
    #expect(Day("2200-12-31") == Day(year: 2200, month: 12, day: 31))
    guard case .failure(let e) = Day.parse("2023-02-29") else {
      Issue.record("2023-02-29 parsed")
      return
    }
    #expect("\(e)".contains("not a valid calendar date"))
  }

  @Test func timestampsAcceptDatesDateTimesAndOffsets() throws {
    // 2013-01-31 = 15736 days; * 86400 = 1359590400.
    #expect(try Timestamp.parse("2013-01-31").get() == 1_359_590_400)
    #expect(try Timestamp.parse("2013-01-31T01:02:03Z").get() == 1_359_590_400 + 3723)
    #expect(try Timestamp.parse("2013-01-31 01:02").get() == 1_359_590_400 + 3720)
    #expect(try Timestamp.parse("2013-01-31T02:02:03+01:00").get() == 1_359_590_400 + 3723)
    #expect(try Timestamp.parse("2013-01-31T00:00:00.123-0130").get() == 1_359_590_400 + 5400)
    #expect(Timestamp.format(1_359_590_400 + 3723) == "2013-01-31T01:02:03Z")
    for bad in [
      "", "2013", "2013-1-31", "31/01/2013", "2013-01-31T25:00", "2013-01-31Tnoon",
      "2013-01-31T01:02Zjunk",
    ] {
      #expect((try? Timestamp.parse(bad).get()) == nil, "\(bad)")
    }
  }

  /// The fast timestamp path agrees with the full parser wherever it answers, and
  /// answers for the two shapes bulk files use.
  @Test func fastTimestampAgreesWithTheParser() {
    var samples = [
      "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "1799-12-31", "2200-12-31",
      "2201-01-01", "2024-05-01T12:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T23:59:60Z",
      "2024-05-01T23:60:00Z", "2024-05-01t12:00:00Z", "2024-05-01T12:00:00z", "2024-5-01",
      "2024/05/01", "2024-05-01T12:00Z", "2024-05-01 12:00:00", "2024-05-01T12:00:00+02:00",
      "20a4-05-01", "2024-05-0a", "2024-05-01T1a:00:00Z", "1970-01-01T00:00:00Z",
    ]
    // 2024-05-01 and every hour of it: 19844 days after 1970-01-01 (54 years, 13 leap days:
    // 54 * 365 + 13 = 19723, + 121 days of 2024 to May 1 = 19844).
    for h in 0..<24 { samples.append(String(format: "2024-05-01T%02d:30:15Z", h)) }
    for s in samples {
      let fast = Array(s.utf8).withUnsafeBufferPointer { DateText.fastTimestamp($0) ?? Int64.min }
      let slow = Array(s.utf8).withUnsafeBufferPointer { DateText.fullTimestamp($0, original: s) }
      if fast != Int64.min {
        if case .success(let v) = slow {
          #expect(v == fast, "\(s)")
        } else {
          Issue.record("\(s): the parser refuses what the fast path accepts")
        }
      }
      let shaped = s.utf8.count == 10 || (s.utf8.count == 20 && s.hasSuffix("Z"))
      if case .success = slow, shaped, !s.contains("t"), !s.contains(" ") {
        #expect(fast != Int64.min || s.contains("T24") || s.contains(":60Z"), "\(s)")
      }
    }
    #expect(
      Array("2024-05-01T00:00:00Z".utf8).withUnsafeBufferPointer {
        DateText.fastTimestamp($0) ?? Int64.min
      } == 19844 * 86_400)
  }

  @Test func dayNumbersAndCivilDatesRoundTrip() {
    // 2021-06-30 is 18808 days after 1970-01-01 (51 years incl. 13 leap days = 18615, + 181 + 12).
    #expect(Day(year: 2021, month: 6, day: 30)?.number == 18_808)
    #expect(Day(number: 18_808).description == "2021-06-30")
    #expect(Day(epochSeconds: 18_808 * 86_400 + 86_399).number == 18_808)
    #expect(Day(epochSeconds: -1).number == -1)
    #expect(Day(number: 18_808) - Day(number: 18_700) == 108)
  }
}

/// Days and timestamps of any stored Int64, without a trap (a database may hold anything).
@Test func extremeEpochSecondsGiveADayAndText() {
  let min = Day(epochSeconds: Int64.min)
  let max = Day(epochSeconds: Int64.max)
  #expect(min < max)
  #expect(min.epochSeconds == Int64.min)  // saturated: the true value is below Int64.min
  #expect(max.endOfDayEpochSeconds == Int64.max)
  #expect(!Timestamp.format(Int64.min).isEmpty)
  #expect(Timestamp.format(Int64.max).hasSuffix("T15:30:07Z"))
  #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
  #expect(Day(epochSeconds: -1).description == "1969-12-31")
  #expect(Day(epochSeconds: -86_400).description == "1969-12-31")
  #expect(Day(epochSeconds: -86_401).description == "1969-12-30")
}
