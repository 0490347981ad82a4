// An app module, not a library: AGP takes a local .aar file only in an app.
plugins {
    id("com.android.application") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.4.21" // bindings-mobile/kotlin/pom.xml's Kotlin
}

android {
    namespace = "ai.peeker.core.aartest"
    compileSdk = 35
    defaultConfig {
        applicationId = "ai.peeker.core.aartest"
        minSdk = 24 // the AAR's minSdk (scripts/release.sh)
        testInstrumentationRunner = "androidx.test.runner.AndroidJUnitRunner"
    }
    sourceSets["androidTest"].assets.srcDir("../vectors")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    implementation(files(providers.gradleProperty("peeker.aar").get()))
    implementation("net.java.dev.jna:jna:5.19.1@aar") // JNA's Android natives, as the AAR's POM names
    androidTestImplementation("androidx.test:runner:1.6.2")
    androidTestImplementation("androidx.test.ext:junit:1.2.1")
}
