import Foundation
import Vocabulary

/// An entity and the website it is read from.
public struct WebsiteTarget: Sendable, Equatable {
  public var entityId: String
  public var channelKey: String
  public var url: String
}

/// The result for one site.
public struct SiteOutcome: Sendable {
  public var target: WebsiteTarget
  /// The pages read (after redirects), home first.
  public var pages: [String] = []
  public var failure: SiteFailure?
  /// Written (or, with `--dry-run`, planned); false when the site failed or could not be stored.
  public var stored = false
  public var present: [SiteSurvey] = []
  public var absent: [SiteSurvey] = []
  public var toCheck: [SiteFinding] = []
  /// Channels this site's surveys created (`unverified`).
  public var newChannels: [String] = []
  /// The site links no account of the entity: nothing recorded (it may be a bare template).
  public var noOwnAccount: Bool { failure == nil && stored && present.isEmpty }
}

/// One survey a site gave.
public struct SiteSurvey: Sendable, Equatable {
  public var platform: Platform
  public var handle: String?
  /// `added` or `unchanged` (recorded by an earlier run the same day).
  public var outcome: String
}

/// A link listed under "to check", or a page that could not be read.
public struct SiteFinding: Sendable, Equatable {
  public var url: String
  public var page: String
  public var reason: String
}

/// The end-of-run report.
public struct WebsiteSummary: Sendable {
  public var outcomes: [SiteOutcome]
  public var dryRun: Bool

  public var fetched: [SiteOutcome] { outcomes.filter { $0.failure == nil && $0.stored } }
  public var failed: [SiteOutcome] {
    outcomes.filter {
      if case .robots = $0.failure { return false }
      return $0.failure != nil || !$0.stored
    }
  }
  public var robots: [SiteOutcome] {
    outcomes.filter {
      if case .robots = $0.failure { return true }
      return false
    }
  }
}
