package tessera.io.bruker.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.io.bruker.internal.PyLiteral;

/**
 * {@link PyLiteral#interpret} against what Python 3.11's {@code ast.literal_eval} gives for
 * the same text (HyperSpy keeps the string where literal_eval fails); the expected values
 * were printed by {@code python3 -c "from ast import literal_eval; ..."}.
 */
class PyLiteralTest {
    @Test
    void likeLiteralEval() {
        assertEquals(20L, PyLiteral.interpret("20"));
        assertEquals("08", PyLiteral.interpret("08")); // leading zeros are a syntax error in Python 3
        assertEquals(1.5, PyLiteral.interpret("1.5"));
        assertEquals(0.005, PyLiteral.interpret("5E-3"));
        assertEquals(List.of(1L, 2L), PyLiteral.interpret("1,2"));
        assertEquals(List.of(1L), PyLiteral.interpret("1,"));
        assertEquals(List.of(1L, 2L, 3.5), PyLiteral.interpret("1,2,3.5"));
        assertEquals("04.10.2018", PyLiteral.interpret("04.10.2018"));
        assertEquals("13:02:07", PyLiteral.interpret("13:02:07"));
        assertEquals(Boolean.TRUE, PyLiteral.interpret("True"));
        assertNull(PyLiteral.interpret("None"));
        assertEquals(16L, PyLiteral.interpret("0x10"));
        assertEquals(1000L, PyLiteral.interpret("1_000"));
        assertEquals(884280L, PyLiteral.interpret("8842_80"));
        assertEquals(5L, PyLiteral.interpret(" 5"));
        assertEquals("abc", PyLiteral.interpret("'abc'"));
        assertEquals(-3L, PyLiteral.interpret("-3"));
        assertEquals(0L, PyLiteral.interpret("-0"));
        assertEquals(7L, PyLiteral.interpret("+7"));
        assertEquals(0L, PyLiteral.interpret("00"));
        assertEquals(1.0, PyLiteral.interpret("1."));
        assertEquals(0.5, PyLiteral.interpret(".5"));
        assertEquals(100000.0, PyLiteral.interpret("1e5"));
        assertEquals(2.6, PyLiteral.interpret("2.60"));
        assertEquals("inf", PyLiteral.interpret("inf"));
        assertEquals("XFlash 6|10", PyLiteral.interpret("XFlash 6|10"));
        assertEquals("1 2", PyLiteral.interpret("1 2"));
        assertEquals("", PyLiteral.interpret(""));
    }
}
