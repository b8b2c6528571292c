import ArgumentParser
import Reporting

extension ListingFormat: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ScorecardFormat: ExpressibleByArgument {}
