package tessera.core.analysis;

/**
 * The published source of an algorithm, cited in reports and provenance records.
 *
 * @param citation authors, title, journal, volume, year, pages
 * @param doi      DOI without the {@code https://doi.org/} prefix, or "" if none
 */
public record LiteratureReference(String citation, String doi) {

    /** @return {@code citation (doi:...)} */
    @Override
    public String toString() {
        return doi.isEmpty() ? citation : citation + " doi:" + doi;
    }
}
