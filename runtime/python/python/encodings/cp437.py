"""cp437, the code page zipfile decodes member names with (unless an entry is flagged UTF-8).

CPython's encodings/cp437.py goes through `codecs.charmap_decode`, which RustPython implements
in Python (`_pycodecs`, 13 KB of the browser bundle after brotli for this one use); this is
the same table, 128 characters above ASCII, and plain str/bytes operations.
"""

import codecs

_UPPER = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\xa0'
_DECODE = tuple(chr(i) for i in range(128)) + tuple(_UPPER)
_ENCODE = {c: i for i, c in enumerate(_DECODE)}


def _decode(data, errors='strict'):
    data = bytes(data)
    if data.isascii():
        return data.decode('ascii'), len(data)
    return ''.join(_DECODE[b] for b in data), len(data)


def _encode(text, errors='strict'):
    out = bytearray()
    for i, c in enumerate(text):
        code = _ENCODE.get(c)
        if code is not None:
            out.append(code)
        elif errors == 'replace':
            out.append(0x3F)
        elif errors != 'ignore':
            raise UnicodeEncodeError('cp437', text, i, i + 1, 'character maps to <undefined>')
    return bytes(out), len(text)


class Codec(codecs.Codec):
    def encode(self, input, errors='strict'):
        return _encode(input, errors)

    def decode(self, input, errors='strict'):
        return _decode(input, errors)


class IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, input, final=False):
        return _encode(input, self.errors)[0]


class IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, input, final=False):
        return _decode(input, self.errors)[0]


class StreamWriter(Codec, codecs.StreamWriter):
    pass


class StreamReader(Codec, codecs.StreamReader):
    pass


def getregentry():
    return codecs.CodecInfo(
        name='cp437',
        encode=_encode,
        decode=_decode,
        incrementalencoder=IncrementalEncoder,
        incrementaldecoder=IncrementalDecoder,
        streamreader=StreamReader,
        streamwriter=StreamWriter,
    )
