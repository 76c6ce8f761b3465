package tessera.decompose.internal;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import tessera.core.analysis.Embedder;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;
import tessera.math.SymmetricEigen;

/**
 * Multidimensional scaling of feature vectors (spectra or PCA scores) into a few dimensions.
 *
 * <ul>
 * <li>{@code method=classical}: Torgerson's classical scaling (W. S. Torgerson, Psychometrika 17 (1952) 401,
 *   doi:10.1007/BF02288916; Borg &amp; Groenen, Modern Multidimensional Scaling, 2nd ed., Springer 2005, ch. 12,
 *   doi:10.1007/0-387-28981-X): with Δ the dissimilarities and J the centring matrix,
 *   {@code B = −½ J Δ⁽²⁾ J = Q Λ Qᵀ}, coordinates {@code Q_m Λ_m^{1/2}} of the m largest eigenvalues (negative
 *   eigenvalues, possible for non-Euclidean dissimilarities, give coordinates 0). For the Euclidean metric B is the
 *   Gram matrix of the centred features, so the embedding equals the PCA scores of the centred features; it is
 *   computed from the smaller of the {@code d x d} covariance and the {@code n x n} Gram matrix and has no limit
 *   on n.</li>
 * <li>{@code method=metric}: metric (ratio) MDS minimising the raw stress {@code σ(X) = Σ_{i<j} (d_ij(X) − δ_ij)²}
 *   by SMACOF, the Guttman transform {@code X ← n⁻¹ B(X) X} (J. de Leeuw, in Recent Developments in Statistics,
 *   North-Holland 1977, 133; Borg &amp; Groenen ch. 8), iterated exactly as scikit-learn 1.2's {@code smacof}: the
 *   stress is evaluated at the configuration before each update, distances 0 are replaced by 1e-5, and the iteration
 *   stops when {@code σ_{t−1}/s_{t−1} − σ_t/s_t < eps}, {@code s_t = Σ_i ‖x_i‖} of the updated configuration, or after
 *   {@code maxIter} updates. Start: the classical solution ({@code init=classical}, deterministic) or uniform
 *   [0, 1) coordinates from {@code seed} ({@code init=random}).</li>
 * </ul>
 *
 * <p>Dissimilarities ({@code metric}): {@code euclidean} ‖x_i − x_j‖₂, {@code manhattan} ‖x_i − x_j‖₁,
 * {@code cosine} {@code 1 − x_i·x_j / (‖x_i‖ ‖x_j‖)} clipped to [0, 2] (a zero vector has similarity 0 to all, as
 * scikit-learn's {@code cosine_distances}).
 *
 * <p>Size: every route except classical Euclidean MDS keeps the {@code n x n} dissimilarity matrix (float64) and is
 * limited to {@value #MAX_N} samples; above it an {@link IllegalArgumentException} suggests classical MDS with the
 * Euclidean metric or embedding fewer samples (landmark MDS is not implemented). Sign of each output dimension: its
 * entry of largest magnitude is positive. Deterministic for a given seed, independent of the thread count (row
 * sums in a fixed order).
 */
public final class MdsEmbedder implements Embedder {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.mds";

    /** Largest number of samples for the routes that need the {@code n x n} dissimilarity matrix. */
    public static final int MAX_N = 4096;

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofChoice("method", "classical", List.of("classical", "metric"), "classical (Torgerson) scaling or metric MDS by SMACOF"),
            ParameterSpec.ofInt("dimensions", 2, 1, null, "number of output dimensions"),
            ParameterSpec.ofChoice("metric", "euclidean", List.of("euclidean", "cosine", "manhattan"), "dissimilarity between feature vectors"),
            ParameterSpec.ofInt("maxIter", 300, 1, null, "most SMACOF iterations (metric MDS)"),
            ParameterSpec.ofDouble("eps", 1e-3, 0.0, null, "", "SMACOF stops when the normalised stress decreases by less than this (scikit-learn's eps)"),
            ParameterSpec.ofLong("seed", 0L, "random start of SMACOF (init=random)"),
            ParameterSpec.ofChoice("init", "classical", List.of("classical", "random"), "SMACOF start: the classical solution or uniform random coordinates"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("W. S. Torgerson, Multidimensional scaling: I. Theory and method, Psychometrika 17 (1952) 401-419", "10.1007/BF02288916"),
            new LiteratureReference("J. de Leeuw, Applications of convex analysis to multidimensional scaling, in: Recent Developments in Statistics, North-Holland (1977) 133-145", ""),
            new LiteratureReference("I. Borg, P. J. F. Groenen, Modern Multidimensional Scaling, 2nd ed., Springer (2005)", "10.1007/0-387-28981-X"));

    /** Outcome of {@link #smacof}: the configuration {@code [n][m]}, its raw stress and the number of iterations. */
    public record Smacof(double[][] embedding, double stress, int iterations) {
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code dimensions >= n}, rows have different lengths or a value is not
     *                                  finite, or n exceeds {@link #MAX_N} on a route that needs the n x n matrix
     */
    @Override
    public double[][] embed(double[][] features, Parameters params, ProgressMonitor monitor) {
        String method = params.getString("method").trim().toLowerCase(Locale.ROOT);
        String metric = params.getString("metric").trim().toLowerCase(Locale.ROOT);
        int m = params.getInt("dimensions");
        checkFeatures(features, m);
        boolean metricMds = switch (method) {
            case "classical" -> false;
            case "metric" -> true;
            default -> throw new IllegalArgumentException("method must be classical or metric, not '" + method + "'");
        };
        if (!metricMds && metric.equals("euclidean")) {
            return classicalEuclidean(features, m, monitor);
        }
        double[][] delta = dissimilarities(features, metric, monitor);
        if (!metricMds) {
            return classical(delta, m, monitor);
        }
        String init = params.getString("init").trim().toLowerCase(Locale.ROOT);
        double[][] start = switch (init) {
            case "classical" -> classical(delta, m, monitor);
            case "random" -> randomStart(features.length, m, params.getLong("seed"));
            default -> throw new IllegalArgumentException("init must be classical or random, not '" + init + "'");
        };
        return smacof(delta, start, params.getInt("maxIter"), params.getDouble("eps"), monitor).embedding();
    }

    private static void checkFeatures(double[][] x, int m) {
        int n = x.length;
        if (n < 2 || m >= n) {
            throw new IllegalArgumentException("MDS into " + m + " dimensions needs more than " + m + " samples, got " + n);
        }
        int d = x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + x[i].length + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("feature (" + i + ", " + j + ") is " + x[i][j]);
                }
            }
        }
    }

    private static void checkSize(int n, String what) {
        if (n > MAX_N) {
            throw new IllegalArgumentException(what + " needs the n x n dissimilarity matrix and takes at most " + MAX_N + " samples, got " + n
                    + "; use classical MDS with the euclidean metric (on PCA scores; no size limit) or embed a subsample (landmark MDS is not implemented)");
        }
    }

    /**
     * Dissimilarity matrix of the rows.
     *
     * @param x       features {@code [n][d]}, finite, {@code n <= MAX_N}
     * @param metric  euclidean, cosine or manhattan
     * @param monitor cancellation
     * @return Δ {@code [n][n]}, symmetric, zero diagonal
     * @throws IllegalArgumentException for an unknown metric or {@code n > MAX_N}
     */
    public static double[][] dissimilarities(double[][] x, String metric, ProgressMonitor monitor) {
        int n = x.length;
        checkSize(n, "MDS with the " + metric + " metric");
        int d = x[0].length;
        int kind = switch (metric) {
            case "euclidean" -> 0;
            case "manhattan" -> 1;
            case "cosine" -> 2;
            default -> throw new IllegalArgumentException("metric must be euclidean, cosine or manhattan, not '" + metric + "'");
        };
        double[] norm = new double[n];
        if (kind == 2) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[i][j] * x[i][j];
                }
                norm[i] = Math.sqrt(s);
            }
        }
        double[][] delta = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if ((i & 63) == 0) {
                Kernels.checkCancel(monitor);
            }
            double[] xi = x[i];
            for (int k = i + 1; k < n; k++) {
                double[] xk = x[k];
                double s = 0;
                if (kind == 0) {
                    for (int j = 0; j < d; j++) {
                        double t = xi[j] - xk[j];
                        s += t * t;
                    }
                    s = Math.sqrt(s);
                } else if (kind == 1) {
                    for (int j = 0; j < d; j++) {
                        s += Math.abs(xi[j] - xk[j]);
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        s += xi[j] * xk[j];
                    }
                    double sim = norm[i] > 0 && norm[k] > 0 ? s / (norm[i] * norm[k]) : 0;
                    s = Math.min(2, Math.max(0, 1 - sim));
                }
                delta[i][k] = s;
            }
        });
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                delta[i][k] = delta[k][i];
            }
        }
        return delta;
    }

    /**
     * Classical (Torgerson) scaling of a dissimilarity matrix: the m leading eigenvectors of
     * {@code B = −½ J Δ⁽²⁾ J} times the square roots of their eigenvalues (0 for negative eigenvalues).
     *
     * @param delta   Δ {@code [n][n]}, symmetric
     * @param m       output dimensions, {@code < n}
     * @param monitor cancellation
     * @return coordinates {@code [n][m]}, each column's entry of largest magnitude positive
     * @throws IllegalArgumentException if {@code n > MAX_N} or Δ is not square
     */
    public static double[][] classical(double[][] delta, int m, ProgressMonitor monitor) {
        int n = delta.length;
        checkSize(n, "classical MDS of a dissimilarity matrix");
        double[] rowMean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            if (delta[i].length != n) {
                throw new IllegalArgumentException("dissimilarity row " + i + " has " + delta[i].length + " values, not " + n);
            }
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += delta[i][k] * delta[i][k];
            }
            rowMean[i] = s / n;
            grand += rowMean[i];
        }
        double g = grand / n;
        double[] b = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < n; k++) {
                b[i * n + k] = -0.5 * (delta[i][k] * delta[i][k] - rowMean[i] - rowMean[k] + g);
            }
        });
        Kernels.checkCancel(monitor);
        SymmetricEigen e = SymmetricEigen.of(b, n);
        double[][] z = new double[n][m];
        for (int c = 0; c < m; c++) {
            double s = Math.sqrt(Math.max(0, e.values()[c]));
            for (int i = 0; i < n; i++) {
                z[i][c] = s * e.vectors()[c * n + i];
            }
        }
        return fixSigns(z);
    }

    /** Classical MDS with Euclidean distances = PCA scores of the centred features, from the smaller Gram matrix. */
    private static double[][] classicalEuclidean(double[][] x, int m, ProgressMonitor monitor) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] z = new double[n][m];
        if (d <= n) {
            // C = Xcᵀ Xc in fixed row chunks, added in order
            int chunk = 256;
            int nChunks = (n + chunk - 1) / chunk;
            double[][] parts = new double[nChunks][];
            IntStream.range(0, nChunks).parallel().forEach(ci -> {
                Kernels.checkCancel(monitor);
                double[] c = new double[d * d];
                double[] y = new double[d];
                for (int i = ci * chunk; i < Math.min(n, (ci + 1) * chunk); i++) {
                    for (int j = 0; j < d; j++) {
                        y[j] = x[i][j] - mean[j];
                    }
                    for (int a = 0; a < d; a++) {
                        double ya = y[a];
                        int o = a * d;
                        for (int bb = a; bb < d; bb++) {
                            c[o + bb] += ya * y[bb];
                        }
                    }
                }
                parts[ci] = c;
            });
            double[] c = new double[d * d];
            for (double[] part : parts) {
                for (int t = 0; t < c.length; t++) {
                    c[t] += part[t];
                }
            }
            for (int a = 0; a < d; a++) {
                for (int bb = 0; bb < a; bb++) {
                    c[a * d + bb] = c[bb * d + a];
                }
            }
            SymmetricEigen e = SymmetricEigen.of(c, d);
            int mm = Math.min(m, d);
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int q = 0; q < mm; q++) {
                    if (e.values()[q] <= 0) {
                        continue;
                    }
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += (x[i][j] - mean[j]) * e.vectors()[q * d + j];
                    }
                    z[i][q] = s;
                }
            });
        } else {
            if (n > 8192) {
                throw new IllegalArgumentException("classical MDS of " + n + " samples with " + d + " features needs an n x n Gram matrix; reduce the features (PCA scores) first");
            }
            double[][] y = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    y[i][j] = x[i][j] - mean[j];
                }
            }
            double[] b = new double[n * n];
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int k = i; k < n; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += y[i][j] * y[k][j];
                    }
                    b[i * n + k] = s;
                    b[k * n + i] = s;
                }
            });
            Kernels.checkCancel(monitor);
            SymmetricEigen e = SymmetricEigen.of(b, n);
            for (int q = 0; q < m; q++) {
                double s = Math.sqrt(Math.max(0, e.values()[q]));
                for (int i = 0; i < n; i++) {
                    z[i][q] = s * e.vectors()[q * n + i];
                }
            }
        }
        return fixSigns(z);
    }

    private static double[][] fixSigns(double[][] z) {
        int m = z[0].length;
        for (int c = 0; c < m; c++) {
            int arg = 0;
            for (int i = 1; i < z.length; i++) {
                if (Math.abs(z[i][c]) > Math.abs(z[arg][c])) {
                    arg = i;
                }
            }
            if (z[arg][c] < 0) {
                for (double[] row : z) {
                    row[c] = -row[c];
                }
            }
        }
        return z;
    }

    private static double[][] randomStart(int n, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] z = new double[n][m];
        for (double[] row : z) {
            for (int c = 0; c < m; c++) {
                row[c] = rnd.nextDouble();
            }
        }
        return z;
    }

    /**
     * Metric SMACOF from a given start, iterated as scikit-learn 1.2's {@code _smacof_single(metric=True)} (see the
     * class comment).
     *
     * @param delta   dissimilarities Δ {@code [n][n]}, symmetric, zero diagonal
     * @param init    start configuration {@code [n][m]} (not modified)
     * @param maxIter most Guttman updates, {@code >= 1}
     * @param eps     tolerance on the decrease of the normalised stress
     * @param monitor cancellation (checked per iteration)
     * @return the final configuration, the raw stress {@code Σ_{i<j} (d_ij − δ_ij)²} of the configuration before the
     *         last update (as scikit-learn's {@code stress_}) and the number of updates
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static Smacof smacof(double[][] delta, double[][] init, int maxIter, double eps, ProgressMonitor monitor) {
        int n = delta.length;
        if (init.length != n) {
            throw new IllegalArgumentException("start has " + init.length + " rows, the dissimilarities " + n);
        }
        int m = init[0].length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = init[i].clone();
        }
        double[] rowStress = new double[n];
        double[] rowNorm = new double[n];
        double oldStress = Double.NaN;
        double stress = 0;
        int it = 0;
        for (; it < maxIter; it++) {
            Kernels.checkCancel(monitor);
            double[][] cur = x;
            double[][] next = new double[n][m];
            IntStream.range(0, n).parallel().forEach(i -> {
                double[] xi = cur[i];
                double[] acc = next[i];
                double st = 0;
                for (int k = 0; k < n; k++) {
                    if (k == i) {
                        continue;
                    }
                    double[] xk = cur[k];
                    double s = 0;
                    for (int c = 0; c < m; c++) {
                        double t = xi[c] - xk[c];
                        s += t * t;
                    }
                    double dist = Math.sqrt(s);
                    double r = delta[i][k] - dist;
                    st += r * r;
                    double ratio = delta[i][k] / (dist == 0 ? 1e-5 : dist);
                    for (int c = 0; c < m; c++) {
                        acc[c] += ratio * (xi[c] - xk[c]);
                    }
                }
                double nrm = 0;
                for (int c = 0; c < m; c++) {
                    acc[c] /= n;
                    nrm += acc[c] * acc[c];
                }
                rowStress[i] = st;
                rowNorm[i] = Math.sqrt(nrm);
            });
            x = next;
            stress = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                stress += rowStress[i];
                norm += rowNorm[i];
            }
            stress /= 2;
            double normalised = stress / norm;
            if (!Double.isNaN(oldStress) && oldStress - normalised < eps) {
                break;
            }
            oldStress = normalised;
        }
        return new Smacof(x, stress, Math.min(it + 1, maxIter));
    }
}
