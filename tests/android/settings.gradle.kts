// The AAR's device test (.github/workflows/platforms.yml, android-emulator): an app
// whose instrumented test loads the release's AAR as a consumer would (the AAR file,
// JNA's AAR, as its POM names) and runs the shared canonicalization vectors on the
// emulator. Plan only: no Android SDK or emulator is reachable on the build machine.
//   gradle -p tests/android connectedAndroidTest -Ppeeker.aar=<path to the .aar>
pluginManagement {
    repositories { google(); mavenCentral(); gradlePluginPortal() }
}
dependencyResolutionManagement {
    repositories { google(); mavenCentral() }
}
rootProject.name = "peeker-core-aar-test"
