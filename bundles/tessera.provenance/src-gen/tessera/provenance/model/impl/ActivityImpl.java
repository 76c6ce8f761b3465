/**
 */
package tessera.provenance.model.impl;

import java.util.Collection;
import java.util.Date;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.NotificationChain;

import org.eclipse.emf.common.util.EList;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.InternalEObject;

import org.eclipse.emf.ecore.impl.ENotificationImpl;

import org.eclipse.emf.ecore.util.EObjectContainmentEList;
import org.eclipse.emf.ecore.util.InternalEList;

import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.ProvenancePackage;

/**
 * <!-- begin-user-doc -->
 * An implementation of the model object '<em><b>Activity</b></em>'.
 * <!-- end-user-doc -->
 * <p>
 * The following features are implemented:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getStepId <em>Step Id</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getStepName <em>Step Name</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getBundleSymbolicName <em>Bundle Symbolic Name</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getBundleVersion <em>Bundle Version</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getParameters <em>Parameters</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getSeed <em>Seed</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getStartTime <em>Start Time</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getEndTime <em>End Time</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getStatus <em>Status</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.ActivityImpl#getErrorMessage <em>Error Message</em>}</li>
 * </ul>
 *
 * @generated
 */
public class ActivityImpl extends IdentifiedImpl implements Activity {
	/**
	 * The default value of the '{@link #getStepId() <em>Step Id</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStepId()
	 * @generated
	 * @ordered
	 */
	protected static final String STEP_ID_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getStepId() <em>Step Id</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStepId()
	 * @generated
	 * @ordered
	 */
	protected String stepId = STEP_ID_EDEFAULT;

	/**
	 * The default value of the '{@link #getStepName() <em>Step Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStepName()
	 * @generated
	 * @ordered
	 */
	protected static final String STEP_NAME_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getStepName() <em>Step Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStepName()
	 * @generated
	 * @ordered
	 */
	protected String stepName = STEP_NAME_EDEFAULT;

	/**
	 * The default value of the '{@link #getBundleSymbolicName() <em>Bundle Symbolic Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getBundleSymbolicName()
	 * @generated
	 * @ordered
	 */
	protected static final String BUNDLE_SYMBOLIC_NAME_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getBundleSymbolicName() <em>Bundle Symbolic Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getBundleSymbolicName()
	 * @generated
	 * @ordered
	 */
	protected String bundleSymbolicName = BUNDLE_SYMBOLIC_NAME_EDEFAULT;

	/**
	 * The default value of the '{@link #getBundleVersion() <em>Bundle Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getBundleVersion()
	 * @generated
	 * @ordered
	 */
	protected static final String BUNDLE_VERSION_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getBundleVersion() <em>Bundle Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getBundleVersion()
	 * @generated
	 * @ordered
	 */
	protected String bundleVersion = BUNDLE_VERSION_EDEFAULT;

	/**
	 * The cached value of the '{@link #getParameters() <em>Parameters</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getParameters()
	 * @generated
	 * @ordered
	 */
	protected EList<ParameterValue> parameters;

	/**
	 * The default value of the '{@link #getSeed() <em>Seed</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getSeed()
	 * @generated
	 * @ordered
	 */
	protected static final Long SEED_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getSeed() <em>Seed</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getSeed()
	 * @generated
	 * @ordered
	 */
	protected Long seed = SEED_EDEFAULT;

	/**
	 * The default value of the '{@link #getStartTime() <em>Start Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStartTime()
	 * @generated
	 * @ordered
	 */
	protected static final Date START_TIME_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getStartTime() <em>Start Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStartTime()
	 * @generated
	 * @ordered
	 */
	protected Date startTime = START_TIME_EDEFAULT;

	/**
	 * The default value of the '{@link #getEndTime() <em>End Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getEndTime()
	 * @generated
	 * @ordered
	 */
	protected static final Date END_TIME_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getEndTime() <em>End Time</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getEndTime()
	 * @generated
	 * @ordered
	 */
	protected Date endTime = END_TIME_EDEFAULT;

	/**
	 * The default value of the '{@link #getStatus() <em>Status</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStatus()
	 * @generated
	 * @ordered
	 */
	protected static final ActivityStatus STATUS_EDEFAULT = ActivityStatus.SUCCEEDED;

	/**
	 * The cached value of the '{@link #getStatus() <em>Status</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getStatus()
	 * @generated
	 * @ordered
	 */
	protected ActivityStatus status = STATUS_EDEFAULT;

	/**
	 * The default value of the '{@link #getErrorMessage() <em>Error Message</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getErrorMessage()
	 * @generated
	 * @ordered
	 */
	protected static final String ERROR_MESSAGE_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getErrorMessage() <em>Error Message</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getErrorMessage()
	 * @generated
	 * @ordered
	 */
	protected String errorMessage = ERROR_MESSAGE_EDEFAULT;

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	protected ActivityImpl() {
		super();
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	protected EClass eStaticClass() {
		return ProvenancePackage.Literals.ACTIVITY;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getStepId() {
		return stepId;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setStepId(String newStepId) {
		String oldStepId = stepId;
		stepId = newStepId;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__STEP_ID, oldStepId, stepId));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getStepName() {
		return stepName;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setStepName(String newStepName) {
		String oldStepName = stepName;
		stepName = newStepName;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__STEP_NAME, oldStepName, stepName));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getBundleSymbolicName() {
		return bundleSymbolicName;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setBundleSymbolicName(String newBundleSymbolicName) {
		String oldBundleSymbolicName = bundleSymbolicName;
		bundleSymbolicName = newBundleSymbolicName;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__BUNDLE_SYMBOLIC_NAME, oldBundleSymbolicName, bundleSymbolicName));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getBundleVersion() {
		return bundleVersion;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setBundleVersion(String newBundleVersion) {
		String oldBundleVersion = bundleVersion;
		bundleVersion = newBundleVersion;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__BUNDLE_VERSION, oldBundleVersion, bundleVersion));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<ParameterValue> getParameters() {
		if (parameters == null) {
			parameters = new EObjectContainmentEList<ParameterValue>(ParameterValue.class, this, ProvenancePackage.ACTIVITY__PARAMETERS);
		}
		return parameters;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Long getSeed() {
		return seed;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setSeed(Long newSeed) {
		Long oldSeed = seed;
		seed = newSeed;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__SEED, oldSeed, seed));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Date getStartTime() {
		return startTime;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setStartTime(Date newStartTime) {
		Date oldStartTime = startTime;
		startTime = newStartTime;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__START_TIME, oldStartTime, startTime));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Date getEndTime() {
		return endTime;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setEndTime(Date newEndTime) {
		Date oldEndTime = endTime;
		endTime = newEndTime;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__END_TIME, oldEndTime, endTime));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public ActivityStatus getStatus() {
		return status;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setStatus(ActivityStatus newStatus) {
		ActivityStatus oldStatus = status;
		status = newStatus == null ? STATUS_EDEFAULT : newStatus;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__STATUS, oldStatus, status));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getErrorMessage() {
		return errorMessage;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setErrorMessage(String newErrorMessage) {
		String oldErrorMessage = errorMessage;
		errorMessage = newErrorMessage;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ACTIVITY__ERROR_MESSAGE, oldErrorMessage, errorMessage));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public NotificationChain eInverseRemove(InternalEObject otherEnd, int featureID, NotificationChain msgs) {
		switch (featureID) {
			case ProvenancePackage.ACTIVITY__PARAMETERS:
				return ((InternalEList<?>)getParameters()).basicRemove(otherEnd, msgs);
		}
		return super.eInverseRemove(otherEnd, featureID, msgs);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Object eGet(int featureID, boolean resolve, boolean coreType) {
		switch (featureID) {
			case ProvenancePackage.ACTIVITY__STEP_ID:
				return getStepId();
			case ProvenancePackage.ACTIVITY__STEP_NAME:
				return getStepName();
			case ProvenancePackage.ACTIVITY__BUNDLE_SYMBOLIC_NAME:
				return getBundleSymbolicName();
			case ProvenancePackage.ACTIVITY__BUNDLE_VERSION:
				return getBundleVersion();
			case ProvenancePackage.ACTIVITY__PARAMETERS:
				return getParameters();
			case ProvenancePackage.ACTIVITY__SEED:
				return getSeed();
			case ProvenancePackage.ACTIVITY__START_TIME:
				return getStartTime();
			case ProvenancePackage.ACTIVITY__END_TIME:
				return getEndTime();
			case ProvenancePackage.ACTIVITY__STATUS:
				return getStatus();
			case ProvenancePackage.ACTIVITY__ERROR_MESSAGE:
				return getErrorMessage();
		}
		return super.eGet(featureID, resolve, coreType);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@SuppressWarnings("unchecked")
	@Override
	public void eSet(int featureID, Object newValue) {
		switch (featureID) {
			case ProvenancePackage.ACTIVITY__STEP_ID:
				setStepId((String)newValue);
				return;
			case ProvenancePackage.ACTIVITY__STEP_NAME:
				setStepName((String)newValue);
				return;
			case ProvenancePackage.ACTIVITY__BUNDLE_SYMBOLIC_NAME:
				setBundleSymbolicName((String)newValue);
				return;
			case ProvenancePackage.ACTIVITY__BUNDLE_VERSION:
				setBundleVersion((String)newValue);
				return;
			case ProvenancePackage.ACTIVITY__PARAMETERS:
				getParameters().clear();
				getParameters().addAll((Collection<? extends ParameterValue>)newValue);
				return;
			case ProvenancePackage.ACTIVITY__SEED:
				setSeed((Long)newValue);
				return;
			case ProvenancePackage.ACTIVITY__START_TIME:
				setStartTime((Date)newValue);
				return;
			case ProvenancePackage.ACTIVITY__END_TIME:
				setEndTime((Date)newValue);
				return;
			case ProvenancePackage.ACTIVITY__STATUS:
				setStatus((ActivityStatus)newValue);
				return;
			case ProvenancePackage.ACTIVITY__ERROR_MESSAGE:
				setErrorMessage((String)newValue);
				return;
		}
		super.eSet(featureID, newValue);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void eUnset(int featureID) {
		switch (featureID) {
			case ProvenancePackage.ACTIVITY__STEP_ID:
				setStepId(STEP_ID_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__STEP_NAME:
				setStepName(STEP_NAME_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__BUNDLE_SYMBOLIC_NAME:
				setBundleSymbolicName(BUNDLE_SYMBOLIC_NAME_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__BUNDLE_VERSION:
				setBundleVersion(BUNDLE_VERSION_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__PARAMETERS:
				getParameters().clear();
				return;
			case ProvenancePackage.ACTIVITY__SEED:
				setSeed(SEED_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__START_TIME:
				setStartTime(START_TIME_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__END_TIME:
				setEndTime(END_TIME_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__STATUS:
				setStatus(STATUS_EDEFAULT);
				return;
			case ProvenancePackage.ACTIVITY__ERROR_MESSAGE:
				setErrorMessage(ERROR_MESSAGE_EDEFAULT);
				return;
		}
		super.eUnset(featureID);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public boolean eIsSet(int featureID) {
		switch (featureID) {
			case ProvenancePackage.ACTIVITY__STEP_ID:
				return STEP_ID_EDEFAULT == null ? stepId != null : !STEP_ID_EDEFAULT.equals(stepId);
			case ProvenancePackage.ACTIVITY__STEP_NAME:
				return STEP_NAME_EDEFAULT == null ? stepName != null : !STEP_NAME_EDEFAULT.equals(stepName);
			case ProvenancePackage.ACTIVITY__BUNDLE_SYMBOLIC_NAME:
				return BUNDLE_SYMBOLIC_NAME_EDEFAULT == null ? bundleSymbolicName != null : !BUNDLE_SYMBOLIC_NAME_EDEFAULT.equals(bundleSymbolicName);
			case ProvenancePackage.ACTIVITY__BUNDLE_VERSION:
				return BUNDLE_VERSION_EDEFAULT == null ? bundleVersion != null : !BUNDLE_VERSION_EDEFAULT.equals(bundleVersion);
			case ProvenancePackage.ACTIVITY__PARAMETERS:
				return parameters != null && !parameters.isEmpty();
			case ProvenancePackage.ACTIVITY__SEED:
				return SEED_EDEFAULT == null ? seed != null : !SEED_EDEFAULT.equals(seed);
			case ProvenancePackage.ACTIVITY__START_TIME:
				return START_TIME_EDEFAULT == null ? startTime != null : !START_TIME_EDEFAULT.equals(startTime);
			case ProvenancePackage.ACTIVITY__END_TIME:
				return END_TIME_EDEFAULT == null ? endTime != null : !END_TIME_EDEFAULT.equals(endTime);
			case ProvenancePackage.ACTIVITY__STATUS:
				return status != STATUS_EDEFAULT;
			case ProvenancePackage.ACTIVITY__ERROR_MESSAGE:
				return ERROR_MESSAGE_EDEFAULT == null ? errorMessage != null : !ERROR_MESSAGE_EDEFAULT.equals(errorMessage);
		}
		return super.eIsSet(featureID);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String toString() {
		if (eIsProxy()) return super.toString();

		StringBuilder result = new StringBuilder(super.toString());
		result.append(" (stepId: ");
		result.append(stepId);
		result.append(", stepName: ");
		result.append(stepName);
		result.append(", bundleSymbolicName: ");
		result.append(bundleSymbolicName);
		result.append(", bundleVersion: ");
		result.append(bundleVersion);
		result.append(", seed: ");
		result.append(seed);
		result.append(", startTime: ");
		result.append(startTime);
		result.append(", endTime: ");
		result.append(endTime);
		result.append(", status: ");
		result.append(status);
		result.append(", errorMessage: ");
		result.append(errorMessage);
		result.append(')');
		return result.toString();
	}

} //ActivityImpl
