/**
 */
package tessera.provenance.model;

import java.util.Date;

import org.eclipse.emf.common.util.EList;

/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Record</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * One provenance record: a PROV-DM bundle describing one run of a Tessera pipeline, with its entities, activities, agents and the relations between them (W3C PROV-DM, https://www.w3.org/TR/prov-dm/). Stored as XMI by tessera.provenance.RecordStore.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.Record#getCreated <em>Created</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getTesseraVersion <em>Tessera Version</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getEntities <em>Entities</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getActivities <em>Activities</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getAgents <em>Agents</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getUsages <em>Usages</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getGenerations <em>Generations</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getAssociations <em>Associations</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getDerivations <em>Derivations</em>}</li>
 *   <li>{@link tessera.provenance.model.Record#getCommunications <em>Communications</em>}</li>
 * </ul>
 *
 * @see tessera.provenance.model.ProvenancePackage#getRecord()
 * @model
 * @generated
 */
public interface Record extends Identified {
	/**
	 * Returns the value of the '<em><b>Created</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * When the record was created (wall-clock time of the machine that ran the pipeline).
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Created</em>' attribute.
	 * @see #setCreated(Date)
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Created()
	 * @model
	 * @generated
	 */
	Date getCreated();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Record#getCreated <em>Created</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Created</em>' attribute.
	 * @see #getCreated()
	 * @generated
	 */
	void setCreated(Date value);

	/**
	 * Returns the value of the '<em><b>Tessera Version</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Version of the Tessera software that wrote the record, e.g. '0.1.0.202611261200'.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Tessera Version</em>' attribute.
	 * @see #setTesseraVersion(String)
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_TesseraVersion()
	 * @model
	 * @generated
	 */
	String getTesseraVersion();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Record#getTesseraVersion <em>Tessera Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Tessera Version</em>' attribute.
	 * @see #getTesseraVersion()
	 * @generated
	 */
	void setTesseraVersion(String value);

	/**
	 * Returns the value of the '<em><b>Entities</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Entity}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Entities of the record (files, datasets, values, plans).
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Entities</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Entities()
	 * @model containment="true"
	 * @generated
	 */
	EList<Entity> getEntities();

	/**
	 * Returns the value of the '<em><b>Activities</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Activity}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Activities of the record (pipeline steps), in execution order.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Activities</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Activities()
	 * @model containment="true"
	 * @generated
	 */
	EList<Activity> getActivities();

	/**
	 * Returns the value of the '<em><b>Agents</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Agent}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Agents of the record (person, software, JVM, script).
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Agents</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Agents()
	 * @model containment="true"
	 * @generated
	 */
	EList<Agent> getAgents();

	/**
	 * Returns the value of the '<em><b>Usages</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Usage}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * PROV 'used' relations.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Usages</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Usages()
	 * @model containment="true"
	 * @generated
	 */
	EList<Usage> getUsages();

	/**
	 * Returns the value of the '<em><b>Generations</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Generation}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * PROV 'wasGeneratedBy' relations.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Generations</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Generations()
	 * @model containment="true"
	 * @generated
	 */
	EList<Generation> getGenerations();

	/**
	 * Returns the value of the '<em><b>Associations</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Association}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * PROV 'wasAssociatedWith' relations.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Associations</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Associations()
	 * @model containment="true"
	 * @generated
	 */
	EList<Association> getAssociations();

	/**
	 * Returns the value of the '<em><b>Derivations</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Derivation}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * PROV 'wasDerivedFrom' relations.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Derivations</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Derivations()
	 * @model containment="true"
	 * @generated
	 */
	EList<Derivation> getDerivations();

	/**
	 * Returns the value of the '<em><b>Communications</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.Communication}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * PROV 'wasInformedBy' relations.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Communications</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getRecord_Communications()
	 * @model containment="true"
	 * @generated
	 */
	EList<Communication> getCommunications();

} // Record
