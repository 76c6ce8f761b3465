/**
 */
package tessera.provenance.model;

import java.util.Date;

import org.eclipse.emf.common.util.EList;

/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Activity</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * A PROV-DM activity (https://www.w3.org/TR/prov-dm/#term-Activity): one step of a pipeline run.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.Activity#getStepId <em>Step Id</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getStepName <em>Step Name</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getBundleSymbolicName <em>Bundle Symbolic Name</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getBundleVersion <em>Bundle Version</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getParameters <em>Parameters</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getSeed <em>Seed</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getStartTime <em>Start Time</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getEndTime <em>End Time</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getStatus <em>Status</em>}</li>
 *   <li>{@link tessera.provenance.model.Activity#getErrorMessage <em>Error Message</em>}</li>
 * </ul>
 *
 * @see tessera.provenance.model.ProvenancePackage#getActivity()
 * @model
 * @generated
 */
public interface Activity extends Identified {
	/**
	 * Returns the value of the '<em><b>Step Id</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Identifier of the step implementation in the extension registry (the extension id).
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Step Id</em>' attribute.
	 * @see #setStepId(String)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_StepId()
	 * @model
	 * @generated
	 */
	String getStepId();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getStepId <em>Step Id</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Step Id</em>' attribute.
	 * @see #getStepId()
	 * @generated
	 */
	void setStepId(String value);

	/**
	 * Returns the value of the '<em><b>Step Name</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Name of the step inside the pipeline document.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Step Name</em>' attribute.
	 * @see #setStepName(String)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_StepName()
	 * @model
	 * @generated
	 */
	String getStepName();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getStepName <em>Step Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Step Name</em>' attribute.
	 * @see #getStepName()
	 * @generated
	 */
	void setStepName(String value);

	/**
	 * Returns the value of the '<em><b>Bundle Symbolic Name</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Symbolic name of the OSGi bundle that contributed the step implementation.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Bundle Symbolic Name</em>' attribute.
	 * @see #setBundleSymbolicName(String)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_BundleSymbolicName()
	 * @model
	 * @generated
	 */
	String getBundleSymbolicName();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getBundleSymbolicName <em>Bundle Symbolic Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Bundle Symbolic Name</em>' attribute.
	 * @see #getBundleSymbolicName()
	 * @generated
	 */
	void setBundleSymbolicName(String value);

	/**
	 * Returns the value of the '<em><b>Bundle Version</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Version of the contributing bundle.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Bundle Version</em>' attribute.
	 * @see #setBundleVersion(String)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_BundleVersion()
	 * @model
	 * @generated
	 */
	String getBundleVersion();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getBundleVersion <em>Bundle Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Bundle Version</em>' attribute.
	 * @see #getBundleVersion()
	 * @generated
	 */
	void setBundleVersion(String value);

	/**
	 * Returns the value of the '<em><b>Parameters</b></em>' containment reference list.
	 * The list contents are of type {@link tessera.provenance.model.ParameterValue}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Typed parameter values the step ran with.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Parameters</em>' containment reference list.
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_Parameters()
	 * @model containment="true"
	 * @generated
	 */
	EList<ParameterValue> getParameters();

	/**
	 * Returns the value of the '<em><b>Seed</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Random seed the step used; null when the step uses no randomness.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Seed</em>' attribute.
	 * @see #setSeed(Long)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_Seed()
	 * @model
	 * @generated
	 */
	Long getSeed();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getSeed <em>Seed</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Seed</em>' attribute.
	 * @see #getSeed()
	 * @generated
	 */
	void setSeed(Long value);

	/**
	 * Returns the value of the '<em><b>Start Time</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * When the step started (PROV-DM startTime); null if it never started.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Start Time</em>' attribute.
	 * @see #setStartTime(Date)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_StartTime()
	 * @model
	 * @generated
	 */
	Date getStartTime();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getStartTime <em>Start Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Start Time</em>' attribute.
	 * @see #getStartTime()
	 * @generated
	 */
	void setStartTime(Date value);

	/**
	 * Returns the value of the '<em><b>End Time</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * When the step ended (PROV-DM endTime); null if it has not ended.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>End Time</em>' attribute.
	 * @see #setEndTime(Date)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_EndTime()
	 * @model
	 * @generated
	 */
	Date getEndTime();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getEndTime <em>End Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>End Time</em>' attribute.
	 * @see #getEndTime()
	 * @generated
	 */
	void setEndTime(Date value);

	/**
	 * Returns the value of the '<em><b>Status</b></em>' attribute.
	 * The literals are from the enumeration {@link tessera.provenance.model.ActivityStatus}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Outcome of the step.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Status</em>' attribute.
	 * @see tessera.provenance.model.ActivityStatus
	 * @see #setStatus(ActivityStatus)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_Status()
	 * @model
	 * @generated
	 */
	ActivityStatus getStatus();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getStatus <em>Status</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Status</em>' attribute.
	 * @see tessera.provenance.model.ActivityStatus
	 * @see #getStatus()
	 * @generated
	 */
	void setStatus(ActivityStatus value);

	/**
	 * Returns the value of the '<em><b>Error Message</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * One-line error message when the step failed; null otherwise.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Error Message</em>' attribute.
	 * @see #setErrorMessage(String)
	 * @see tessera.provenance.model.ProvenancePackage#getActivity_ErrorMessage()
	 * @model
	 * @generated
	 */
	String getErrorMessage();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Activity#getErrorMessage <em>Error Message</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Error Message</em>' attribute.
	 * @see #getErrorMessage()
	 * @generated
	 */
	void setErrorMessage(String value);

} // Activity
