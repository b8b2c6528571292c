/// The one rule for an entity's display name: its name in the first of its official languages
/// (`entity.languages`, in order) that has one, else the name whose language code sorts first;
/// none when it has no name. `choose` is the rule in Swift (the report and comparison loaders,
/// `show`); the view `v_entity_name` (migration v5-entity-names) is the same rule in SQL, read
/// through `sql` by every query and by the view `v_channels`. EntityDisplayNameTests holds the
/// two to the same answers.
enum EntityDisplayName {
  /// The display name among `names` for an entity whose official languages are `languages`
  /// (`;`-separated, main first); nil when `names` is empty.
  static func choose(_ names: [(lang: String, name: String)], languages: String) -> String? {
    if names.count == 1 { return names[0].name }
    let order = languages.semicolonList
    return names.min { a, b in
      let ia = order.firstIndex(of: a.lang) ?? Int.max
      let ib = order.firstIndex(of: b.lang) ?? Int.max
      return (ia, a.lang) < (ib, b.lang)
    }?.name
  }

  /// SQL expression for the display name of entity alias `e` (NULL when it has no name): the
  /// view's answer, which an entity with one name (or none) gets without the view's sort of its
  /// names (a temporary B-tree per row: `accounts` on 1,657 rows spent 153M instructions in
  /// sqlite3 with the view alone, 123M with this; docs/performance-history.md).
  static let sql = """
    (CASE WHEN (SELECT count(*) FROM entity_name n1 WHERE n1.entity_id = e.id) < 2
      THEN (SELECT n1.name FROM entity_name n1 WHERE n1.entity_id = e.id)
      ELSE (SELECT dn.name FROM v_entity_name dn WHERE dn.entity_id = e.id) END)
    """
}
