// The Swift API covers tests/vectors/contract.json. The generated Dispatch.swift
// compiles only when every operation has its typed builder and typed parse
// function, and every validator its function; these tests check that the
// table is the contract's (it was regenerated), that each operation has a
// `build_request` and a `parse_response` vector, and that every event type
// parses into its own `Event` case with typed data.
import Foundation
import PeekerCore
import XCTest

final class CoverageTests: XCTestCase {
    func json(_ name: String) throws -> Json {
        try Json.parse(file: VectorTests.dir.appendingPathComponent(name))
    }

    func names(_ contract: Json, _ key: String) -> [String] {
        (contract[key]?.list ?? []).compactMap { $0.string ?? $0["name"]?.string }
    }

    func testEveryOperationHasATypedBuilderParseFunctionAndVectors() throws {
        let contract = try json("contract.json")
        let operations = names(contract, "operations")
        XCTAssertEqual(operations.count, 29)
        XCTAssertEqual(Set(Dispatch.operations.keys), Set(operations))
        XCTAssertEqual(Set(Dispatch.operationCases.keys), Set(operations))
        var cases: [Json] = []
        for file in try json("index.json")["files"]?.list ?? [] {
            cases += try json(file.string ?? "").list ?? []
        }
        for name in operations {
            XCTAssertTrue(cases.contains { $0["op"]?.string == "build_request" && $0["call"]?.string == name }, "\(name): no build_request vector")
            XCTAssertTrue(cases.contains { $0["op"]?.string == "parse_response" && $0["operation"]?.string == name }, "\(name): no parse_response vector")
        }
    }

    func testEveryValidatorExists() throws {
        let validators = names(try json("contract.json"), "validators")
        XCTAssertEqual(Set(Dispatch.validators.keys).union(["order"]), Set(validators))
        XCTAssertTrue(try validateOrder(order: "{}").violations.contains { $0.code == "required" && $0.path == "user" })
    }

    func testEveryEventTypeHasItsOwnCaseWithTypedData() throws {
        for type in names(try json("contract.json"), "events") {
            let event = try parseEvent(body: Data(#"{"id": "evt_1", "type": "\#(type)", "data": {"id": "x_1"}}"#.utf8))
            XCTAssertEqual(event.typeName(), type)
            XCTAssertEqual(event.dataId(), "x_1")
            // The case's name is the type's, and its payload is a record, not JSON text.
            let payload = Mirror(reflecting: event).children.first
            XCTAssertEqual(payload?.label, type.split(whereSeparator: { $0 == "." || $0 == "_" }).enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined(), type)
            let data = payload.flatMap { Mirror(reflecting: $0.value).children.first { $0.label == "data" }?.value }
            XCTAssertNotNil(data, type)
            XCTAssertFalse(data is String, type)
        }
        let unknown = try parseEvent(body: Data(#"{"id": "evt_1", "type": "invoice.paid", "data": {"id": "x_1"}}"#.utf8))
        XCTAssertEqual(unknown, .unknown(id: "evt_1", eventType: "invoice.paid", createdAt: nil, dataJson: #"{"id":"x_1"}"#, extraJson: nil))
    }
}
