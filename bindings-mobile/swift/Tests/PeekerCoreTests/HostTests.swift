// What the vectors cannot show: Swift types, redaction, the default clock.
import Foundation
import PeekerCore
import XCTest

final class HostTests: XCTestCase {
    let body = Data(#"{"id":"evt_1","type":"order.completed","data":{}}"#.utf8)

    func headers(_ timestamp: Int64, _ signature: String) -> [String: String] {
        ["Peeker-Timestamp": String(timestamp), "Peeker-Signature": signature]
    }

    func testErrorsAreCasesOfPeekerErrorWithACode() {
        XCTAssertThrowsError(try canonicalize(text: "[1,]")) { error in
            guard case PeekerError.Json(let code, _, let line, _) = error else {
                return XCTFail("not a Json error: \(error)")
            }
            XCTAssertEqual(code, "invalid_json")
            XCTAssertEqual(line, 1)
        }
        XCTAssertThrowsError(try signWebhook(secret: "", timestamp: 1, body: body)) { error in
            guard case PeekerError.Config = error else { return XCTFail("not a Config error: \(error)") }
            XCTAssertEqual((error as? PeekerError)?.code, "invalid_argument")
        }
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: ["Peeker-Signature": "v1=00"], secrets: ["whsec_x"], now: 1)) { error in
            guard case PeekerError.Webhook = error else { return XCTFail("not a Webhook error: \(error)") }
            XCTAssertEqual((error as? PeekerError)?.code, "missing_header")
            XCTAssertFalse((error as? PeekerError)?.detail.isEmpty ?? true)
        }
    }

    func testAWrongSecretNeverShowsUpInTheError() throws {
        let signature = try signWebhook(secret: "whsec_the_right_one", timestamp: 5, body: body)
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: headers(5, signature), secrets: [" whsec_leaky_value "], now: 5)) { error in
            XCTAssertEqual((error as? PeekerError)?.code, "signature_mismatch")
            for text in [String(describing: error), String(reflecting: error), error.localizedDescription] {
                XCTAssertFalse(text.contains("leaky") || text.contains("the_right_one"), text)
            }
        }
    }

    func testNowDefaultsToTheDeviceClock() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let signature = try signWebhook(secret: "whsec_x", timestamp: now, body: body)
        let verified = try verifyWebhook(body: body, headers: headers(now, signature), secrets: ["whsec_x"], now: nil)
        XCTAssertEqual(verified.timestamp, now)
        XCTAssertNil(verified.eventId)
        let old = now - 3600
        let stale = try signWebhook(secret: "whsec_x", timestamp: old, body: body)
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: headers(old, stale), secrets: ["whsec_x"])) { error in
            XCTAssertEqual((error as? PeekerError)?.code, "timestamp_too_old")
        }
    }
}
