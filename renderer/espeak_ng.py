"""libespeak-ng from PyPI (`espeakng-loader` ships the library and its data), through ctypes.

Synchronous mode. The library keeps global state, so a process has one, used under its
lock: the espeak engine speaks with it, the reading front end asks it for English IPA.
"""

from __future__ import annotations

import _ctypes
import ctypes
import threading
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import EngineUnavailableError, SynthesisError, VoiceError

if TYPE_CHECKING:
    import numpy as np

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_RATE, _VOLUME, _PITCH, _RANGE = 1, 2, 3, 4
_PHONEMES_IPA, _PHONEMES_TIE = 0x02, 0x80


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


class EspeakLibrary:
    """The loaded libespeak-ng of this process (one per process, used under a lock)."""

    _instance: ClassVar[EspeakLibrary | None] = None
    _guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        try:
            import espeakng_loader

            self._path = espeakng_loader.get_library_path()
            self._data = espeakng_loader.get_data_path().encode()
        except ImportError as exc:
            raise EngineUnavailableError(f"espeak-ng is not installed: {exc}") from None
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)  # kept referenced: C holds a pointer to it
        self.lib = self._load()
        self.version = self.lib.espeak_Info(None).decode()
        self.lock = threading.Lock()

    def _load(self) -> ctypes.CDLL:
        try:
            lib = ctypes.CDLL(self._path)
        except OSError as exc:
            raise EngineUnavailableError(f"espeak-ng is not installed: {exc}") from None
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                     ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p),
                                               ctypes.c_int, ctypes.c_int]
        self.rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, self._data, 0)
        if self.rate <= 0:
            raise EngineUnavailableError("espeak-ng failed to initialize")
        lib.espeak_SetSynthCallback(self._callback)
        return lib

    def reload(self) -> None:
        """Unload the library and load it afresh, so what it says next is what a new
        process would say."""
        # The wave generator keeps state in function statics that no call resets (the
        # pitch flutter's phase among them): the same sentence comes out a few samples
        # longer or shorter depending on what was said before. Only unloading resets them.
        self.lib.espeak_Terminate()
        _ctypes.dlclose(self.lib._handle)
        self.lib = self._load()

    @classmethod
    def get(cls) -> EspeakLibrary:
        with cls._guard:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        import numpy as np

        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def speak(self, text: str, voice: str, rate: int, pitch: int, range_: int,
              volume: int) -> np.ndarray:
        """Synthesize one piece of text; returns int16 samples at `self.rate`."""
        import numpy as np

        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise VoiceError(f"espeak-ng has no voice {voice!r}")
        for parameter, value in ((_RATE, rate), (_PITCH, pitch), (_RANGE, range_),
                                 (_VOLUME, volume)):
            self.lib.espeak_SetParameter(parameter, value, 0)
        data = text.encode("utf-8")
        self._chunks = []
        status = self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8,
                                       None, None)
        self.lib.espeak_Synchronize()
        if status != 0:
            raise SynthesisError(f"espeak-ng failed (status {status})")
        return np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)

    def phonemes(self, text: str, voice: str, tie: str = "^") -> str:
        """espeak-ng's IPA for `text` in `voice`, multi-letter phonemes joined by `tie`."""
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise VoiceError(f"espeak-ng has no voice {voice!r}")
        mode = _PHONEMES_IPA | _PHONEMES_TIE | (ord(tie) << 8)
        pieces = []
        # espeak-ng reads a word ahead: a last word after a clause's end (`Hi! x`, `A；B`)
        # stays in its buffer and would open the next text's phonemes. A full stop after
        # the text flushes it into this one's; it adds no phonemes of its own.
        for chunk in (text, "."):
            pointer = ctypes.c_char_p(chunk.encode("utf-8"))
            while pointer.value:
                result = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8,
                                                        mode)
                if result:
                    pieces.append(result.decode("utf-8"))
        return " ".join(pieces)


def espeak_phonemes(text: str, voice: str, tie: str = "^") -> str:
    """IPA of `text` as espeak-ng says it in `voice`."""
    library = EspeakLibrary.get()
    with library.lock:
        return library.phonemes(text, voice, tie)
