/**
 */
package tessera.provenance.model.impl;

import org.eclipse.emf.common.notify.Notification;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.InternalEObject;

import org.eclipse.emf.ecore.impl.ENotificationImpl;
import org.eclipse.emf.ecore.impl.MinimalEObjectImpl;

import tessera.provenance.model.Activity;
import tessera.provenance.model.Communication;
import tessera.provenance.model.ProvenancePackage;

/**
 * <!-- begin-user-doc -->
 * An implementation of the model object '<em><b>Communication</b></em>'.
 * <!-- end-user-doc -->
 * <p>
 * The following features are implemented:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.impl.CommunicationImpl#getInformed <em>Informed</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.CommunicationImpl#getInformant <em>Informant</em>}</li>
 * </ul>
 *
 * @generated
 */
public class CommunicationImpl extends MinimalEObjectImpl.Container implements Communication {
	/**
	 * The cached value of the '{@link #getInformed() <em>Informed</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getInformed()
	 * @generated
	 * @ordered
	 */
	protected Activity informed;

	/**
	 * The cached value of the '{@link #getInformant() <em>Informant</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getInformant()
	 * @generated
	 * @ordered
	 */
	protected Activity informant;

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	protected CommunicationImpl() {
		super();
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	protected EClass eStaticClass() {
		return ProvenancePackage.Literals.COMMUNICATION;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Activity getInformed() {
		if (informed != null && informed.eIsProxy()) {
			InternalEObject oldInformed = (InternalEObject)informed;
			informed = (Activity)eResolveProxy(oldInformed);
			if (informed != oldInformed) {
				if (eNotificationRequired())
					eNotify(new ENotificationImpl(this, Notification.RESOLVE, ProvenancePackage.COMMUNICATION__INFORMED, oldInformed, informed));
			}
		}
		return informed;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	public Activity basicGetInformed() {
		return informed;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setInformed(Activity newInformed) {
		Activity oldInformed = informed;
		informed = newInformed;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.COMMUNICATION__INFORMED, oldInformed, informed));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Activity getInformant() {
		if (informant != null && informant.eIsProxy()) {
			InternalEObject oldInformant = (InternalEObject)informant;
			informant = (Activity)eResolveProxy(oldInformant);
			if (informant != oldInformant) {
				if (eNotificationRequired())
					eNotify(new ENotificationImpl(this, Notification.RESOLVE, ProvenancePackage.COMMUNICATION__INFORMANT, oldInformant, informant));
			}
		}
		return informant;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	public Activity basicGetInformant() {
		return informant;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setInformant(Activity newInformant) {
		Activity oldInformant = informant;
		informant = newInformant;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.COMMUNICATION__INFORMANT, oldInformant, informant));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Object eGet(int featureID, boolean resolve, boolean coreType) {
		switch (featureID) {
			case ProvenancePackage.COMMUNICATION__INFORMED:
				if (resolve) return getInformed();
				return basicGetInformed();
			case ProvenancePackage.COMMUNICATION__INFORMANT:
				if (resolve) return getInformant();
				return basicGetInformant();
		}
		return super.eGet(featureID, resolve, coreType);
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void eSet(int featureID, Object newValue) {
		switch (featureID) {
			case ProvenancePackage.COMMUNICATION__INFORMED:
				setInformed((Activity)newValue);
				return;
			case ProvenancePackage.COMMUNICATION__INFORMANT:
				setInformant((Activity)newValue);
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
			case ProvenancePackage.COMMUNICATION__INFORMED:
				setInformed((Activity)null);
				return;
			case ProvenancePackage.COMMUNICATION__INFORMANT:
				setInformant((Activity)null);
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
			case ProvenancePackage.COMMUNICATION__INFORMED:
				return informed != null;
			case ProvenancePackage.COMMUNICATION__INFORMANT:
				return informant != null;
		}
		return super.eIsSet(featureID);
	}

} //CommunicationImpl
