/**
 */
package tessera.provenance.model;

import org.eclipse.emf.common.util.EList;

/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Entity</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * A PROV-DM entity (https://www.w3.org/TR/prov-dm/#term-entity): a file, a dataset inside a file, or a small value such as a number of components chosen by a step.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.Entity#getKind <em>Kind</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getUri <em>Uri</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getPathInFile <em>Path In File</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getSha256 <em>Sha256</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getShape <em>Shape</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getDtype <em>Dtype</em>}</li>
 *   <li>{@link tessera.provenance.model.Entity#getValue <em>Value</em>}</li>
 * </ul>
 *
 * @see tessera.provenance.model.ProvenancePackage#getEntity()
 * @model
 * @generated
 */
public interface Entity extends Identified {
	/**
	 * Returns the value of the '<em><b>Kind</b></em>' attribute.
	 * The literals are from the enumeration {@link tessera.provenance.model.EntityKind}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * What kind of thing the entity is.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Kind</em>' attribute.
	 * @see tessera.provenance.model.EntityKind
	 * @see #setKind(EntityKind)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Kind()
	 * @model
	 * @generated
	 */
	EntityKind getKind();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getKind <em>Kind</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Kind</em>' attribute.
	 * @see tessera.provenance.model.EntityKind
	 * @see #getKind()
	 * @generated
	 */
	void setKind(EntityKind value);

	/**
	 * Returns the value of the '<em><b>Uri</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * URI of the file that holds the entity (file: URI for local files); null for values.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Uri</em>' attribute.
	 * @see #setUri(String)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Uri()
	 * @model
	 * @generated
	 */
	String getUri();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getUri <em>Uri</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Uri</em>' attribute.
	 * @see #getUri()
	 * @generated
	 */
	void setUri(String value);

	/**
	 * Returns the value of the '<em><b>Path In File</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Path of the dataset inside the file (e.g. an HDF5 group path or a dataset index); null for whole files.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Path In File</em>' attribute.
	 * @see #setPathInFile(String)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_PathInFile()
	 * @model
	 * @generated
	 */
	String getPathInFile();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getPathInFile <em>Path In File</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Path In File</em>' attribute.
	 * @see #getPathInFile()
	 * @generated
	 */
	void setPathInFile(String value);

	/**
	 * Returns the value of the '<em><b>Sha256</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * SHA-256 of the file content, lowercase hexadecimal (FIPS 180-4); null when not computed.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Sha256</em>' attribute.
	 * @see #setSha256(String)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Sha256()
	 * @model
	 * @generated
	 */
	String getSha256();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getSha256 <em>Sha256</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Sha256</em>' attribute.
	 * @see #getSha256()
	 * @generated
	 */
	void setSha256(String value);

	/**
	 * Returns the value of the '<em><b>Shape</b></em>' attribute list.
	 * The list contents are of type {@link java.lang.Long}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Array shape of a dataset, outermost axis first (C order), in elements; empty for files and scalars.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Shape</em>' attribute list.
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Shape()
	 * @model unique="false"
	 * @generated
	 */
	EList<Long> getShape();

	/**
	 * Returns the value of the '<em><b>Dtype</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Element type of a dataset in NumPy notation (e.g. 'float32', '&lt;u2'); null for files.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Dtype</em>' attribute.
	 * @see #setDtype(String)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Dtype()
	 * @model
	 * @generated
	 */
	String getDtype();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getDtype <em>Dtype</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Dtype</em>' attribute.
	 * @see #getDtype()
	 * @generated
	 */
	void setDtype(String value);

	/**
	 * Returns the value of the '<em><b>Value</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Lexical value of a small non-array entity (Java's Long/Double/Boolean.toString), e.g. the number of components a step chose; null otherwise.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Value</em>' attribute.
	 * @see #setValue(String)
	 * @see tessera.provenance.model.ProvenancePackage#getEntity_Value()
	 * @model
	 * @generated
	 */
	String getValue();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Entity#getValue <em>Value</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Value</em>' attribute.
	 * @see #getValue()
	 * @generated
	 */
	void setValue(String value);

} // Entity
