/**
 */
package tessera.provenance.model;

import org.eclipse.emf.ecore.EObject;

/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Derivation</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * PROV-DM derivation, 'wasDerivedFrom' (https://www.w3.org/TR/prov-dm/#term-Derivation): an entity was derived from another, optionally by an activity.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.Derivation#getGeneratedEntity <em>Generated Entity</em>}</li>
 *   <li>{@link tessera.provenance.model.Derivation#getUsedEntity <em>Used Entity</em>}</li>
 *   <li>{@link tessera.provenance.model.Derivation#getActivity <em>Activity</em>}</li>
 * </ul>
 *
 * @see tessera.provenance.model.ProvenancePackage#getDerivation()
 * @model
 * @generated
 */
public interface Derivation extends EObject {
	/**
	 * Returns the value of the '<em><b>Generated Entity</b></em>' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * The derived entity.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Generated Entity</em>' reference.
	 * @see #setGeneratedEntity(Entity)
	 * @see tessera.provenance.model.ProvenancePackage#getDerivation_GeneratedEntity()
	 * @model required="true"
	 * @generated
	 */
	Entity getGeneratedEntity();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Derivation#getGeneratedEntity <em>Generated Entity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Generated Entity</em>' reference.
	 * @see #getGeneratedEntity()
	 * @generated
	 */
	void setGeneratedEntity(Entity value);

	/**
	 * Returns the value of the '<em><b>Used Entity</b></em>' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * The entity it was derived from.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Used Entity</em>' reference.
	 * @see #setUsedEntity(Entity)
	 * @see tessera.provenance.model.ProvenancePackage#getDerivation_UsedEntity()
	 * @model required="true"
	 * @generated
	 */
	Entity getUsedEntity();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Derivation#getUsedEntity <em>Used Entity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Used Entity</em>' reference.
	 * @see #getUsedEntity()
	 * @generated
	 */
	void setUsedEntity(Entity value);

	/**
	 * Returns the value of the '<em><b>Activity</b></em>' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * The activity that did the derivation; may be null.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Activity</em>' reference.
	 * @see #setActivity(Activity)
	 * @see tessera.provenance.model.ProvenancePackage#getDerivation_Activity()
	 * @model
	 * @generated
	 */
	Activity getActivity();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Derivation#getActivity <em>Activity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Activity</em>' reference.
	 * @see #getActivity()
	 * @generated
	 */
	void setActivity(Activity value);

} // Derivation
