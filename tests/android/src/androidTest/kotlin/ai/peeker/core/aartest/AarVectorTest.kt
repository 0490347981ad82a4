package ai.peeker.core.aartest

import ai.peeker.core.PeekerException
import ai.peeker.core.canonicalize
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.test.platform.app.InstrumentationRegistry
import org.json.JSONArray
import org.junit.Assert.assertEquals
import org.junit.Assert.fail
import org.junit.Test
import org.junit.runner.RunWith

/** The shared canonicalization vectors through the AAR's library on a device: the
 *  bionic linking, JNA's Android natives and the generated bindings together. */
@RunWith(AndroidJUnit4::class)
class AarVectorTest {
    @Test
    fun canonicalizeVectors() {
        val assets = InstrumentationRegistry.getInstrumentation().context.assets
        val cases = JSONArray(assets.open("canonicalize.json").bufferedReader().readText())
        for (i in 0 until cases.length()) {
            val case = cases.getJSONObject(i)
            val name = case.getString("name")
            val expect = case.getJSONObject("expect")
            if (expect.has("output")) {
                assertEquals(name, expect.getString("output"), canonicalize(case.getString("input")))
            } else {
                try {
                    canonicalize(case.getString("input"))
                    fail("$name: no error")
                } catch (e: PeekerException.Json) {
                    assertEquals(name, expect.getString("error"), e.code)
                }
            }
        }
    }
}
