// Tessera scripting prelude for JavaScript (GraalJS). Evaluated once per context, before the script;
// its frames are hidden from error locations. Defines the global `args` (the script's arguments) and
// returns the helpers the Java facade calls back: tolist (nested host lists -> JS arrays) and typed
// (a typed array over host memory, no copy).
(function (host, scriptArgs) {
    'use strict';
    const kinds = {
        int8: Int8Array, uint8: Uint8Array, bool: Uint8Array, int16: Int16Array, uint16: Uint16Array,
        int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
        float32: Float32Array, float64: Float64Array
    };
    function tolist(x) {
        return (x !== null && typeof x === 'object') ? Array.from(x, tolist) : x;
    }
    function typed(buffer, dtype, byteOffset, length) {
        const C = kinds[dtype];
        if (C === undefined) {
            throw new TypeError('no JavaScript typed array holds dtype ' + dtype);
        }
        return new C(new ArrayBuffer(buffer), Number(byteOffset), Number(length));
    }
    Object.defineProperty(globalThis, 'tessera', { value: host, writable: false, enumerable: true, configurable: false });
    Object.defineProperty(globalThis, 'args', { value: Object.freeze(Array.from(scriptArgs)), writable: false, enumerable: true, configurable: false });
    return { tolist: tolist, typed: typed };
})
