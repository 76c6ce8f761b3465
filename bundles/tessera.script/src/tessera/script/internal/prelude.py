# Tessera scripting prelude for Python (GraalPy). Evaluated once per context, before the script; its
# frames are hidden from error locations. It adapts the Java facade to Python: keyword arguments
# become one options dict (the same names as the JavaScript options object), s.isig[low:high]
# slicing, and a light NumPy-like ndarray over the dataset's memory (shape, dtype, indexing, tolist).
import sys as _sys
import polyglot as _polyglot

# Java exceptions from the facade, as the Python exceptions a Python user expects (catchable with except Exception)
_ERRORS = {
    'java.lang.SecurityException': PermissionError,
    'java.lang.IllegalArgumentException': ValueError,
    'java.lang.IndexOutOfBoundsException': IndexError,
    'java.lang.UnsupportedOperationException': TypeError,
    'java.lang.IllegalStateException': RuntimeError,
    'java.lang.ArithmeticException': ArithmeticError,
    'tessera.core.io.InvalidFileException': OSError,
    'tessera.pipeline.InvalidPipelineException': ValueError,
}


def _call(f, *args):
    try:
        return f(*args)
    except _polyglot.ForeignException as e:
        text = str(e)
        name, sep, message = text.partition(': ')
        if name == 'java.util.concurrent.CancellationException':
            raise
        kind = _ERRORS.get(name)
        if kind is None:
            kind = OSError if name.startswith('java.io.') or name.startswith('java.nio.') else RuntimeError
        raise kind(message if sep else text) from None


def _tree(v, what):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if type(v).__name__ == 'ForeignList' or isinstance(v, (list, tuple)):
        return [_tree(e, what) for e in v]
    return _Tree(v, what)


class _Tree:
    """A read-only tree of names (metadata, plug-in listings): t.General.title, 'General' in t, t.keys()."""
    __slots__ = ('_h', '_what')

    def __init__(self, h, what):
        object.__setattr__(self, '_h', h)
        object.__setattr__(self, '_what', what)

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        try:
            return _tree(getattr(self._h, name), self._what)
        except AttributeError:
            raise AttributeError("%s has no entry '%s'; entries: %s" % (self._what, name, self.keys())) from None

    def __setattr__(self, name, value):
        raise AttributeError("%s is read-only (cannot set '%s')" % (self._what, name))

    def __delattr__(self, name):
        raise AttributeError("%s is read-only (cannot delete '%s')" % (self._what, name))

    def __contains__(self, name):
        return hasattr(self._h, name)

    def __getitem__(self, name):
        return self.__getattr__(name)

    def keys(self):
        return [str(k) for k in dir(self._h)]

    def __repr__(self):
        return str(self._h)


def _tolist(x):
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return [_tolist(e) for e in x]


class ndarray:
    """A read-only, NumPy-like view of a Tessera array (no copy): shape, dtype, ndim, size,
    a[i, j, k], a[2:5, ::2], len, iteration, tolist(), sum(), mean(), min(), max()."""
    __slots__ = ('_h',)

    def __init__(self, h):
        self._h = h

    @property
    def shape(self):
        return tuple(self._h.shape)

    @property
    def dtype(self):
        return self._h.dtype

    @property
    def ndim(self):
        return self._h.ndim

    @property
    def size(self):
        return self._h.size

    def __len__(self):
        if self._h.ndim == 0:
            raise TypeError("len() of a 0-d array")
        return self._h.shape[0]

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        shape = self.shape
        if Ellipsis in key:
            i = key.index(Ellipsis)
            key = key[:i] + (slice(None),) * (len(shape) - len(key) + 1) + key[i + 1:]
        if len(key) > len(shape):
            raise IndexError("too many indices for array: array is %d-dimensional, but %d were indexed" % (len(shape), len(key)))
        starts, stops, steps, drop = [], [], [], []
        for d, n in enumerate(shape):
            k = key[d] if d < len(key) else slice(None)
            if isinstance(k, bool) or not isinstance(k, (int, slice)):
                raise TypeError("only integers and slices are valid indices, not %r" % (k,))
            if isinstance(k, int):
                i = k + n if k < 0 else k
                if not 0 <= i < n:
                    raise IndexError("index %d is out of bounds for axis %d with size %d" % (k, d, n))
                starts.append(i); stops.append(i + 1); steps.append(1); drop.append(True)
            else:
                a, b, c = k.indices(n)
                starts.append(a); stops.append(b); steps.append(c); drop.append(False)
        if all(drop):
            return _call(self._h.get, *starts)
        return ndarray(_call(self._h.view, starts, stops, steps, drop))

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def tolist(self):
        return _tolist(_call(self._h.tolist))

    def sum(self):
        return _call(self._h.sum)

    def mean(self):
        return _call(self._h.mean)

    def min(self):
        return _call(self._h.min)

    def max(self):
        return _call(self._h.max)

    def contiguous(self):
        return self._h.contiguous()

    def typed(self):
        return _call(self._h.typed)

    def __repr__(self):
        return self._h.repr()


class _ISig:
    __slots__ = ('_s',)

    def __init__(self, s):
        self._s = s

    def __getitem__(self, k):
        if not isinstance(k, slice) or k.step is not None:
            raise TypeError("isig takes a calibrated range: s.isig[low:high] (values in the signal axis' units)")
        return Signal(_call(self._s._h.isig, k.start, k.stop))

    def __call__(self, low=None, high=None):
        return Signal(_call(self._s._h.isig, low, high))


def _source(options, cluster_source):
    # HyperSpy's first positional argument: "decomposition", "signal" or a signal (its Java handle goes to the facade)
    options = dict(options)
    options['cluster_source'] = cluster_source._h if isinstance(cluster_source, Signal) else cluster_source
    return options


class LearningResults:
    """The results of the last decomposition and cluster analysis (HyperSpy's learning_results)."""
    __slots__ = ('_h',)

    def __init__(self, h):
        self._h = h

    algorithm = property(lambda self: self._h.algorithm)
    output_dimension = property(lambda self: self._h.output_dimension)
    factors = property(lambda self: None if self._h.factors is None else Signal(self._h.factors))
    loadings = property(lambda self: None if self._h.loadings is None else Signal(self._h.loadings))
    explained_variance_ratio = property(lambda self: None if self._h.explained_variance_ratio is None else list(self._h.explained_variance_ratio))
    cluster_labels = property(lambda self: None if self._h.cluster_labels is None else Signal(self._h.cluster_labels))
    number_of_clusters = property(lambda self: self._h.number_of_clusters)
    cluster_algorithm = property(lambda self: self._h.cluster_algorithm)
    cluster_metric = property(lambda self: self._h.cluster_metric)
    cluster_metric_index = property(lambda self: None if self._h.cluster_metric_index is None else list(self._h.cluster_metric_index))
    cluster_metric_data = property(lambda self: None if self._h.cluster_metric_data is None else list(self._h.cluster_metric_data))
    estimated_number_of_clusters = property(lambda self: self._h.estimated_number_of_clusters)
    auxiliary = property(lambda self: _signals(self._h, self._h.auxiliary_names))
    auxiliary_names = property(lambda self: [str(n) for n in self._h.auxiliary_names])
    bss_algorithm = property(lambda self: self._h.bss_algorithm)
    bss_factors = property(lambda self: _signal(self._h.bss_factors))
    bss_loadings = property(lambda self: _signal(self._h.bss_loadings))
    unmixing_matrix = property(lambda self: _signal(self._h.unmixing_matrix))
    unmixing = property(lambda self: None if self._h.unmixing is None else UnmixingResults(self._h.unmixing))
    lda_directions = property(lambda self: _signal(self._h.lda_directions))

    def __repr__(self):
        return str(self._h.toString())


def _signal(h):
    return None if h is None else Signal(h)


def _signals(h, names):
    # name -> Signal, in the step's order (a plain dict: the Java side keeps the results)
    return {str(n): Signal(_call(h.get_auxiliary, n)) for n in names}


class UnmixingResults:
    """An abundance estimate (Signal.unmix): endmembers, abundances, residual, reduced_chi_square, residual_spectrum, auxiliary."""
    __slots__ = ('_h',)

    def __init__(self, h):
        self._h = h

    algorithm = property(lambda self: self._h.algorithm)
    endmembers = property(lambda self: Signal(self._h.endmembers))
    abundances = property(lambda self: Signal(self._h.abundances))
    residual = property(lambda self: _signal(self._h.residual))
    reduced_chi_square = property(lambda self: _signal(self._h.reduced_chi_square))
    residual_spectrum = property(lambda self: _signal(self._h.residual_spectrum))
    auxiliary = property(lambda self: _signals(self._h, self._h.auxiliary_names))

    def __repr__(self):
        return str(self._h.toString())


_DYNAMICS_OUTPUTS = ('counts', 'transition_matrix', 'stationary_distribution', 'implied_timescales', 'mean_first_passage_times',
                     'implied_timescales_by_lag', 'transition_matrix_std', 'transition_matrix_low95', 'transition_matrix_high95',
                     'stationary_distribution_std', 'emission_matrix')
_ATOM_OUTPUTS = ('positions', 'position_std', 'sublattice', 'intensity', 'gaussian', 'lattice_vectors')


class Signal:
    """A calibrated dataset (HyperSpy's BaseSignal vocabulary); every operation returns a new signal."""
    __slots__ = ('_h',)

    def __init__(self, h):
        self._h = h

    shape = property(lambda self: tuple(self._h.shape))
    dtype = property(lambda self: self._h.dtype)
    title = property(lambda self: self._h.title)
    axes = property(lambda self: list(self._h.axes))
    metadata = property(lambda self: _Tree(self._h.metadata, 'metadata'))
    data = property(lambda self: ndarray(self._h.data))
    isig = property(lambda self: _ISig(self))
    learning_results = property(lambda self: None if self._h.learning_results is None else LearningResults(self._h.learning_results))

    def sum(self, axis=None):
        return Signal(_call(self._h.sum, axis))

    def mean(self, axis=None):
        return Signal(_call(self._h.mean, axis))

    def decomposition(self, **options):
        _call(self._h.decomposition, options)

    def get_decomposition_factors(self):
        return Signal(_call(self._h.get_decomposition_factors))

    def get_decomposition_loadings(self):
        return Signal(_call(self._h.get_decomposition_loadings))

    def blind_source_separation(self, number_of_components=None, **options):
        _call(self._h.blind_source_separation, number_of_components, options)

    def get_bss_factors(self):
        return Signal(_call(self._h.get_bss_factors))

    def get_bss_loadings(self):
        return Signal(_call(self._h.get_bss_loadings))

    def unmix(self, endmembers, **options):
        return UnmixingResults(_call(self._h.unmix, endmembers._h if isinstance(endmembers, Signal) else endmembers, options))

    def transition_matrix(self, **options):
        """A Markov model of these class trajectories [sites, frames] (docs/dynamics.md): a namespace of signals
        (transition_matrix, counts, stationary_distribution, implied_timescales, mean_first_passage_times, and the
        intervals and timescales against lag when computed)."""
        h = _call(self._h.transition_matrix, options)
        import types
        return types.SimpleNamespace(**{n: Signal(getattr(h, n)) for n in _DYNAMICS_OUTPUTS if hasattr(h, n)})

    def find_atoms(self, **options):
        """The atomic columns of this image (docs/lattice.md): a namespace of signals (positions [n, 2] as (y, x) px,
        position_std, sublattice, intensity, and the Gaussian fits and lattice vectors when computed)."""
        h = _call(self._h.find_atoms, options)
        import types
        return types.SimpleNamespace(**{n: Signal(getattr(h, n)) for n in _ATOM_OUTPUTS if hasattr(h, n)})

    def sliding_window(self, **options):
        """This image described window by window (docs/lattice.md): a Signal [wy, wx, d] of features on the grid of
        window centres; descriptor="fft" (default), "histogram" or "correlation", and its window, step, bins, lags."""
        return Signal(_call(self._h.sliding_window, options))

    def identify_elements(self, **options):
        """The elements of this core-loss EELS signal from the shipped neural-network ensemble (docs/classify.md):
        a namespace with elements (list, most probable first), probabilities (dict element -> mean probability),
        threshold and maps (a Signal [80, navigation...])."""
        h = _call(self._h.identify_elements, options)
        import types
        probs = {str(k): float(v) for k, v in zip(h.labels, h.mean_probabilities)}
        return types.SimpleNamespace(elements=[str(e) for e in h.elements], probabilities=probs,
                                     threshold=float(h.threshold), maps=Signal(h.maps))

    def oxidation_state(self, element, **options):
        """The Mn or Fe oxidation state of this core-loss EELS signal from its L2,3 white lines (docs/valence.md):
        a namespace with classes, probabilities (dict class -> mean probability), mean_valence, ratio_valence (the
        L3/L2 baseline), mean_novelty (above 1: outside the simulated training spectra), and the signals valence, spread,
        baseline, novelty, probability_maps and maps."""
        options['element'] = element
        h = _call(self._h.oxidation_state, options)
        import types
        classes = [str(c) for c in h.classes]
        probs = {c: float(p) for c, p in zip(classes, h.mean_probabilities)}
        return types.SimpleNamespace(classes=classes, probabilities=probs, mean_valence=float(h.mean_valence),
                                     ratio_valence=float(h.ratio_valence), mean_novelty=float(h.mean_novelty), valence=Signal(h.valence),
                                     spread=Signal(h.spread), novelty=Signal(h.novelty),
                                     baseline=Signal(h.baseline), probability_maps=Signal(h.probability_maps), maps=Signal(h.maps))

    def cluster_analysis(self, cluster_source="decomposition", **options):
        _call(self._h.cluster_analysis, _source(options, cluster_source))

    def estimate_number_of_clusters(self, cluster_source="decomposition", **options):
        return _call(self._h.estimate_number_of_clusters, _source(options, cluster_source))

    def umap(self, cluster_source="decomposition", **options):
        return Signal(_call(self._h.umap, _source(options, cluster_source)))

    def mds(self, cluster_source="decomposition", **options):
        return Signal(_call(self._h.mds, _source(options, cluster_source)))

    def lda(self, cluster_source="decomposition", labels=None, **options):
        options = _source(options, cluster_source)
        if labels is not None:
            options['labels'] = labels._h if isinstance(labels, Signal) else labels
        return Signal(_call(self._h.lda, options))

    def get_cluster_labels(self):
        return Signal(_call(self._h.get_cluster_labels))

    def save(self, filename, **options):
        return _call(self._h.save, filename, options)

    def plot(self, filename, **options):
        return _call(self._h.plot, filename, options)

    def __repr__(self):
        return self._h.repr()


class _Tessera:
    """The global `tessera`: load(filename, dataset=None), plugins(), run_pipeline(pipeline, inputs, out), version."""
    __slots__ = ('_h',)

    def __init__(self, h):
        self._h = h

    version = property(lambda self: self._h.version)
    language = property(lambda self: self._h.language)

    def load(self, filename, **options):
        return Signal(_call(self._h.load, filename, options))

    def plugins(self):
        return [_Tree(p, 'a plug-in listing') for p in _call(self._h.plugins)]

    def run_pipeline(self, pipeline, inputs=None, out="tessera-out"):
        return _Tree(_call(self._h.run_pipeline, pipeline, inputs if inputs is not None else {}, out), 'a pipeline run')

    def __repr__(self):
        return str(self._h.toString())


class _Helpers:
    pass


def _deny(what):
    def denied(*args, **kwargs):
        raise PermissionError(what + " is not allowed in Tessera scripts")
    return denied


def _close_doors():
    # The context itself forbids processes, threads, sockets and files (the real sandbox). GraalPy reports
    # some of those refusals as Java errors that Python cannot catch and that carry no line number; these
    # stand-ins raise an ordinary PermissionError at the script's line instead.
    import posix
    for name in ('system', 'fork', 'forkpty', 'execv', 'execve', 'spawnv', 'spawnve', 'posix_spawn', 'posix_spawnp', 'kill', 'killpg'):
        if hasattr(posix, name):
            setattr(posix, name, _deny('creating or signalling processes (os.%s)' % name))
    try:
        import _posixsubprocess
        _posixsubprocess.fork_exec = _deny('creating processes (subprocess)')
    except ImportError:
        pass
    import _thread
    _thread.start_new_thread = _deny('starting threads')
    _thread.start_new = _thread.start_new_thread
    import _socket

    class _NoSocket(_socket.socket):
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            raise PermissionError("network access is not allowed in Tessera scripts")

    _socket.socket = _NoSocket
    _socket.SocketType = _NoSocket
    for name in ('getaddrinfo', 'gethostbyname', 'gethostbyname_ex', 'gethostbyaddr', 'getnameinfo', 'socketpair', 'create_connection'):
        if hasattr(_socket, name):
            setattr(_socket, name, _deny('network access (socket.%s)' % name))


def _tessera_init(host, script_args, script_name):
    _close_doors()
    g = globals()
    g['tessera'] = _Tessera(host)
    g['args'] = [str(a) for a in script_args]
    _sys.argv = [script_name] + g['args']
    h = _Helpers()
    h.tolist = _tolist
    return h
