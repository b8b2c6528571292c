import Vocabulary

/// What is known of one entity on one platform on a day D: the registry never reads "no channel
/// recorded" as "not on the platform".
public enum PresenceStatus: String, Sendable, CaseIterable, Codable {
  /// A channel is open on D, or a survey found the entity there and nothing since says otherwise.
  case present
  /// A recent survey (or a channel's closing) found it absent and nothing since contradicts it.
  case absent
  /// Neither: never surveyed, an absence too old to rely on, or one contradicted later.
  case unknown
}

/// Which surveys count and how far back evidence reaches: the report's `--min-confidence` and
/// its staleness window.
public struct PresenceRule: Sendable, Equatable {
  /// Presence evidence at most this many days before D confirms a presence; an absence event
  /// older than this no longer makes an entity absent. The same inclusive limit as a follower
  /// count's (`SnapshotSelection`): D − date ≤ windowDays.
  public var windowDays: Int
  /// Surveys below this confidence are not counted.
  public var minConfidence: Confidence

  public static let defaultMinConfidence: Confidence = .medium

  public init(
    windowDays: Int = SnapshotSelection.defaultStalenessDays,
    minConfidence: Confidence = defaultMinConfidence
  ) {
    self.windowDays = windowDays
    self.minConfidence = minConfidence
  }

  /// Whether a survey counts under this rule.
  public func counts(_ s: StatsSurvey) -> Bool { s.confidence >= minConfidence }
}

/// One piece of evidence of presence or absence, with its day.
public struct PresenceEvent: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable, Codable {
    /// A channel's evidence date (opening, first sighting, or its source's date: `ChannelDating`).
    case channel
    /// A snapshot of a channel (the latest the caller read on or before D).
    case snapshot
    /// A person checked the channel's ownership (`verified_on`).
    case verification
    case surveyPresent = "survey_present"
    case surveyAbsent = "survey_absent"
    /// A channel's closing day, when no other channel of the entity on the platform is open then.
    case closing

    /// Whether it is evidence of presence (else of absence).
    public var isPresence: Bool { self != .surveyAbsent && self != .closing }
  }

  // (The day first: the kind packs behind it, 9 bytes, so `PlatformPresence` takes 16.)
  public var day: Day
  public var kind: Kind

  public init(_ kind: Kind, _ day: Day) {
    self.kind = kind
    self.day = day
  }
}

/// A status with what it rests on.
public struct PlatformPresence: Sendable, Equatable {
  // (The evidence first: the one-byte fields then pack behind it, 16 bytes a status instead
  // of 32; a report holds one per entity and platform.)
  /// What the status rests on. Present: the latest presence event; absent: the absence event
  /// (for "any", the oldest of the platforms' absences, the first to expire); unknown: the
  /// latest event of either kind up to D, nil when there is none (never surveyed).
  public var evidence: PresenceEvent?
  public var status: PresenceStatus
  /// For `present`: some presence evidence lies within the window before D (else it is carried
  /// forward from older evidence). False for the other statuses.
  public var confirmed: Bool
  /// Present through a channel open on D while a counted absent survey dated on or after that
  /// channel's evidence date says otherwise: the channel wins, the data-quality section counts it.
  public var conflict: Bool

  public init(
    _ status: PresenceStatus, confirmed: Bool = false, evidence: PresenceEvent? = nil,
    conflict: Bool = false
  ) {
    self.status = status
    self.confirmed = confirmed
    self.evidence = evidence
    self.conflict = conflict
  }

  public static let unknown = PlatformPresence(.unknown)

  /// `present_confirmed`, `present_carried_forward`, `absent` or `unknown`, as listings print it.
  public var label: String {
    switch status {
    case .present: return confirmed ? "present_confirmed" : "present_carried_forward"
    case .absent: return "absent"
    case .unknown: return "unknown"
    }
  }

  /// "Any social platform" from the statuses of the platforms: present when present on one
  /// (confirmed when one presence is); absent only when `required` (the report's platform set)
  /// is not empty and every status in it is absent; else unknown. `others` holds the statuses on
  /// social platforms outside `required` (they can only make it present); `unknownRequired`
  /// says that some platform of the set, left out of `required`, is unknown.
  public static func any<Required: Sequence<PlatformPresence>>(
    required: Required, others: [PlatformPresence] = [], unknownRequired: Bool = false
  ) -> PlatformPresence {
    // Walked without building arrays: the report decides this once per entity.
    var best: PlatformPresence?
    var conflict = false
    var allAbsent = !unknownRequired
    var anyRequired = unknownRequired
    var oldestAbsence: PresenceEvent?
    var latest: PresenceEvent?
    func visit(_ p: PlatformPresence) {
      conflict = conflict || p.conflict
      if let e = p.evidence, e.day > (latest?.day ?? Day(number: .min)) { latest = e }
      guard p.status == .present else { return }
      // A confirmed presence beats a carried one; then the latest evidence.
      if let b = best {
        let better =
          p.confirmed != b.confirmed
          ? p.confirmed : (p.evidence?.day.number ?? .min) > (b.evidence?.day.number ?? .min)
        if better { best = p }
      } else {
        best = p
      }
    }
    for p in required {
      anyRequired = true
      visit(p)
      if p.status != .absent {
        allAbsent = false
      } else if let e = p.evidence, e.day < (oldestAbsence?.day ?? Day(number: .max)) {
        oldestAbsence = e
      }
    }
    for p in others { visit(p) }
    if var best {
      best.conflict = conflict
      return best
    }
    if anyRequired && allAbsent {
      return PlatformPresence(.absent, evidence: oldestAbsence, conflict: conflict)
    }
    return PlatformPresence(.unknown, evidence: latest, conflict: conflict)
  }
}

/// The evidence of one entity on one platform up to D, reduced to what the status rule reads:
/// whether a channel is open on D and since when, and the latest presence event, present survey,
/// absence event and absent survey. Filled event by event without allocating (the report adds
/// one per channel, snapshot and survey), then decided. Events after D are ignored.
public struct PresenceTally: Sendable {
  /// D's day number.
  public let day: Int
  /// The earliest evidence date of a channel open on D; `Int.max` when none is.
  private var openSince = Int.max
  private var presence = Int.min
  private var presenceKind = PresenceEvent.Kind.channel
  private var presentSurvey = Int.min
  private var absence = Int.min
  private var absenceKind = PresenceEvent.Kind.closing
  private var absentSurvey = Int.min

  public init(on d: Day) { day = d.number }

  /// Whether a channel is open on D.
  public var channelOpen: Bool { openSince != .max }

  /// A channel of the entity on the platform: `evidence` its evidence date, `closed` its closing
  /// day (exclusive), `verified` the last ownership check. `closingCounts`: no other channel of
  /// the entity on the platform is open on its closing day, so the closing is an absence event.
  public mutating func addChannel(
    evidence: Day?, closed: Day?, verified: Day?, closingCounts: Bool
  ) {
    if let e = evidence?.number, e <= day {
      presenceEvent(.channel, e)
      if closed.map({ $0.number > day }) ?? true { openSince = min(openSince, e) }
    }
    if let v = verified?.number { presenceEvent(.verification, v) }
    if closingCounts, let c = closed?.number, c <= day, c > absence {
      absence = c
      absenceKind = .closing
    }
  }

  /// A snapshot of one of its channels on that day.
  public mutating func addSnapshot(_ d: Day) { presenceEvent(.snapshot, d.number) }

  /// A survey of the entity on the platform (the caller leaves out those the rule does not count).
  public mutating func addSurvey(_ d: Day, _ result: SurveyResult) {
    let n = d.number
    guard n <= day else { return }
    switch result {
    case .present:
      presenceEvent(.surveyPresent, n)
      presentSurvey = max(presentSurvey, n)
    case .absent:
      absentSurvey = max(absentSurvey, n)
      // On a tie the survey names the absence: it says more than a closing does.
      if n >= absence {
        absence = n
        absenceKind = .surveyAbsent
      }
    }
  }

  private mutating func presenceEvent(_ kind: PresenceEvent.Kind, _ n: Int) {
    // On a tie a present survey names the evidence: it says more than a channel's date does.
    guard n <= day, n > presence || (n == presence && kind == .surveyPresent) else { return }
    presence = n
    presenceKind = kind
  }

  /// The status on D under a window of `windowDays` days:
  /// - present when a channel is open on D, or when a present survey is later than every
  ///   absence event; confirmed when the latest presence event is within the window;
  /// - absent when the latest absence event is within the window and no presence event is on or
  ///   after it;
  /// - unknown otherwise. A presence and an absence on the same day contradict each other.
  public func decide(windowDays: Int) -> PlatformPresence {
    let within = { (n: Int) in n != .min && day - n <= windowDays }
    let presenceEvent = presence == .min ? nil : PresenceEvent(presenceKind, Day(number: presence))
    let absenceEvent = absence == .min ? nil : PresenceEvent(absenceKind, Day(number: absence))
    if openSince != .max {
      return PlatformPresence(
        .present, confirmed: within(presence), evidence: presenceEvent,
        conflict: absentSurvey >= openSince)
    }
    if presentSurvey != .min && absence < presentSurvey {
      return PlatformPresence(.present, confirmed: within(presence), evidence: presenceEvent)
    }
    if within(absence) && presence < absence {
      return PlatformPresence(.absent, evidence: absenceEvent)
    }
    let latest = presence >= absence ? presenceEvent : absenceEvent
    return PlatformPresence(.unknown, evidence: latest)
  }
}
