// The Swift demonstration (scripts/hosts/swift-demo.sh): the README example's flow
// against the Peeker of the PEEKER_* variables (scripts/with-local.sh sets them).
import Foundation
import PeekerExample

let tag = String(Int(Date().timeIntervalSince1970 * 1000), radix: 36) // names a fresh server has not sold yet
_ = try await runExample(environment: ProcessInfo.processInfo.environment,
                         picked: ["swift-\(tag).com", "swift-\(tag).io", "swift-mail-\(tag).io"])
