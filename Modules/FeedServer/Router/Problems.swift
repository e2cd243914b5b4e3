import Foundation
import HTTPTypes
import Hummingbird
import NewsModels
import NIOCore

/// An error answered as `application/problem+json` (RFC 9457).
public struct ProblemError: Error, HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The problem body.
    public var problem: Problem
    /// Extra headers such as `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields

    /// Creates a problem with a short title and a detail for this occurrence.
    public init(_ status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.problem = Problem(title: title ?? status.reasonPhrase, status: status.code, detail: detail)
        self.headers = headers
    }

    /// A 400 naming the parameter and what was wrong with it.
    public static func badParameter(_ name: String, _ detail: String) -> ProblemError {
        ProblemError(.badRequest, title: "Bad parameter", detail: "\(name): \(detail)")
    }

    /// The response carrying this problem.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    func makeResponse() -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        let body = (try? NewsJSON.encode(problem)) ?? Data()
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every failure into problem+json, including the router's own 404/405 and unexpected errors
/// (logged, answered 500 without internals).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemError {
            return problem.makeResponse()
        } catch let error as AppAPIError {
            return error.response
        } catch let error as any HTTPResponseError {
            // The router's own 404 and 405 arrive here; keep their headers (such as Allow).
            var headers = (error as? HTTPError)?.headers ?? [:]
            headers[.contentLength] = nil
            return ProblemError(error.status, headers: headers).makeResponse()
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(describing: error))"])
            return ProblemError(.internalServerError, detail: "the server failed to answer; see its log").makeResponse()
        }
    }
}

/// Logs one line per request with its id, method, path, status and duration: server failures (5xx)
/// at error level, everything else at info, so `--log-level warning` keeps only what needs a look.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "duration_us": "\(micros)",
            ])
        return response
    }
}
