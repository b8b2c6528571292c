/// The OpenAPI 3.1 document of `/api/v1` (API/openapi.json, compiled in so the binary needs no
/// file beside it to serve it).
enum OpenAPIDocument {
  static let text = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
