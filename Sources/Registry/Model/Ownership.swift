import Vocabulary

/// One period of a channel's ownership as the loaders read it (`channel_owner`).
public struct OwnershipPeriod: Sendable, Hashable {
  public var entityId: String
  /// Inclusive; nil: since the channel exists.
  public var from: Day?
  /// Exclusive; nil: still.
  public var to: Day?

  public init(entityId: String, from: Day?, to: Day?) {
    self.entityId = entityId
    self.from = from
    self.to = to
  }

  /// Whether the period covers `day`.
  public func covers(_ day: Day) -> Bool {
    (from.map { $0 <= day } ?? true) && (to.map { $0 > day } ?? true)
  }
}

/// The rules that attribute a channel to its owner on a day, shared by every loader.
///
/// A channel without periods belongs to `channel.entity_id` for its whole life. A channel with
/// periods is, as seen on a day D, one *tenure* per period that began on or before D: the
/// channel as that owner held it, opened when the channel opened (or when the period began, if
/// later) and closed when the channel closed (or when the period ended, if that is on or before
/// D). So on D exactly the owner of D holds it open, an earlier owner keeps the adoption it had
/// (the diffusion curve counts it from the channel's opening), and nothing dated after D shows:
/// a report as of D reads the same rows before and after a move dated after D.
public enum Ownership {
  /// One owner's hold on a channel, as seen on a day.
  public struct Tenure: Sendable, Hashable {
    public var entityId: String
    /// Opening (else first sighting) day of the channel, or the period's start if later.
    public var openedOn: Day?
    /// Closing day of the channel, or the period's end if earlier and on or before the day.
    public var closedOn: Day?
  }

  /// The tenures of a channel opened on `openedOn` (nil: unknown) and closed on `closedOn`, with
  /// `periods` sorted by start (nil first), as seen on `day`. A period that ended before the
  /// channel opened, or began after it closed, held nothing and gives no tenure.
  public static func tenures(
    openedOn: Day?, closedOn: Day?, periods: [OwnershipPeriod], on day: Day
  ) -> [Tenure] {
    var result: [Tenure] = []
    for p in periods {
      if let from = p.from, from > day { continue }
      if let to = p.to, let o = openedOn, to <= o { continue }
      if let from = p.from, let c = closedOn, from >= c { continue }
      var opened = openedOn
      if let from = p.from, let o = opened, from > o { opened = from }
      var closed = closedOn
      if let to = p.to, to <= day, closed.map({ to < $0 }) ?? true { closed = to }
      result.append(Tenure(entityId: p.entityId, openedOn: opened, closedOn: closed))
    }
    return result
  }

  /// The owner on `day` of a channel whose current owner is `current`: the period covering the
  /// day, else (no periods) the current owner.
  public static func owner(on day: Day, periods: [OwnershipPeriod], current: String) -> String {
    periods.first { $0.covers(day) }?.entityId ?? current
  }

  /// SQL selecting the channels (`c.*`) that the entity `entity` (an SQL expression) owned on a
  /// day and that meet `conditions` (on alias `c`). Arguments: those of the conditions, the day
  /// twice, those of the conditions again. A union of the channels without periods whose
  /// owner it is and the periods of the day, so each side uses its index.
  static func channelsOwnedSQL(entity: String, where conditions: [String]) -> String {
    let extra = conditions.map { " AND " + $0 }.joined()
    return """
      SELECT c.* FROM channel c WHERE c.entity_id = \(entity)
        AND NOT EXISTS (SELECT 1 FROM channel_owner o WHERE o.channel_id = c.id)\(extra)
      UNION ALL
      SELECT c.* FROM channel_owner o JOIN channel c ON c.id = o.channel_id
      WHERE o.entity_id = \(entity) AND (o.valid_from IS NULL OR o.valid_from <= ?)
        AND (o.valid_to IS NULL OR o.valid_to > ?)\(extra)
      """
  }

  /// SQL for the id of the owner on a day of the channel aliased `c` (two `?`: the day twice).
  static let ownerOnDaySQL = """
    coalesce((SELECT o.entity_id FROM channel_owner o WHERE o.channel_id = c.id
              AND (o.valid_from IS NULL OR o.valid_from <= ?)
              AND (o.valid_to IS NULL OR o.valid_to > ?) LIMIT 1), c.entity_id)
    """
}
