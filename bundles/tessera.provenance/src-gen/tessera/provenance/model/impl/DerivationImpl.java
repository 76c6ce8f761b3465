/**
 */
package tessera.provenance.model.impl;

import org.eclipse.emf.common.notify.Notification;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.InternalEObject;

import org.eclipse.emf.ecore.impl.ENotificationImpl;
import org.eclipse.emf.ecore.impl.MinimalEObjectImpl;

import tessera.provenance.model.Activity;
import tessera.provenance.model.Derivation;
import tessera.provenance.model.Entity;
import tessera.provenance.model.ProvenancePackage;

/**
 * <!-- begin-user-doc -->
 * An implementation of the model object '<em><b>Derivation</b></em>'.
 * <!-- end-user-doc -->
 * <p>
 * The following features are implemented:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.impl.DerivationImpl#getGeneratedEntity <em>Generated Entity</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.DerivationImpl#getUsedEntity <em>Used Entity</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.DerivationImpl#getActivity <em>Activity</em>}</li>
 * </ul>
 *
 * @generated
 */
public class DerivationImpl extends MinimalEObjectImpl.Container implements Derivation {
	/**
	 * The cached value of the '{@link #getGeneratedEntity() <em>Generated Entity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getGeneratedEntity()
	 * @generated
	 * @ordered
	 */
	protected Entity generatedEntity;

	/**
	 * The cached value of the '{@link #getUsedEntity() <em>Used Entity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getUsedEntity()
	 * @generated
	 * @ordered
	 */
	protected Entity usedEntity;

	/**
	 * The cached value of the '{@link #getActivity() <em>Activity</em>}' reference.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getActivity()
	 * @generated
	 * @ordered
	 */
	protected Activity activity;

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	protected DerivationImpl() {
		super();
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	protected EClass eStaticClass() {
		return ProvenancePackage.Literals.DERIVATION;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Entity getGeneratedEntity() {
		if (generatedEntity != null && generatedEntity.eIsProxy()) {
			InternalEObject oldGeneratedEntity = (InternalEObject)generatedEntity;
			generatedEntity = (Entity)eResolveProxy(oldGeneratedEntity);
			if (generatedEntity != oldGeneratedEntity) {
				if (eNotificationRequired())
					eNotify(new ENotificationImpl(this, Notification.RESOLVE, ProvenancePackage.DERIVATION__GENERATED_ENTITY, oldGeneratedEntity, generatedEntity));
			}
		}
		return generatedEntity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	public Entity basicGetGeneratedEntity() {
		return generatedEntity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setGeneratedEntity(Entity newGeneratedEntity) {
		Entity oldGeneratedEntity = generatedEntity;
		generatedEntity = newGeneratedEntity;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.DERIVATION__GENERATED_ENTITY, oldGeneratedEntity, generatedEntity));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Entity getUsedEntity() {
		if (usedEntity != null && usedEntity.eIsProxy()) {
			InternalEObject oldUsedEntity = (InternalEObject)usedEntity;
			usedEntity = (Entity)eResolveProxy(oldUsedEntity);
			if (usedEntity != oldUsedEntity) {
				if (eNotificationRequired())
					eNotify(new ENotificationImpl(this, Notification.RESOLVE, ProvenancePackage.DERIVATION__USED_ENTITY, oldUsedEntity, usedEntity));
			}
		}
		return usedEntity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	public Entity basicGetUsedEntity() {
		return usedEntity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setUsedEntity(Entity newUsedEntity) {
		Entity oldUsedEntity = usedEntity;
		usedEntity = newUsedEntity;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.DERIVATION__USED_ENTITY, oldUsedEntity, usedEntity));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Activity getActivity() {
		if (activity != null && activity.eIsProxy()) {
			InternalEObject oldActivity = (InternalEObject)activity;
			activity = (Activity)eResolveProxy(oldActivity);
			if (activity != oldActivity) {
				if (eNotificationRequired())
					eNotify(new ENotificationImpl(this, Notification.RESOLVE, ProvenancePackage.DERIVATION__ACTIVITY, oldActivity, activity));
			}
		}
		return activity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	public Activity basicGetActivity() {
		return activity;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setActivity(Activity newActivity) {
		Activity oldActivity = activity;
		activity = newActivity;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.DERIVATION__ACTIVITY, oldActivity, activity));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Object eGet(int featureID, boolean resolve, boolean coreType) {
		switch (featureID) {
			case ProvenancePackage.DERIVATION__GENERATED_ENTITY:
				if (resolve) return getGeneratedEntity();
				return basicGetGeneratedEntity();
			case ProvenancePackage.DERIVATION__USED_ENTITY:
				if (resolve) return getUsedEntity();
				return basicGetUsedEntity();
			case ProvenancePackage.DERIVATION__ACTIVITY:
				if (resolve) return getActivity();
				return basicGetActivity();
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
			case ProvenancePackage.DERIVATION__GENERATED_ENTITY:
				setGeneratedEntity((Entity)newValue);
				return;
			case ProvenancePackage.DERIVATION__USED_ENTITY:
				setUsedEntity((Entity)newValue);
				return;
			case ProvenancePackage.DERIVATION__ACTIVITY:
				setActivity((Activity)newValue);
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
			case ProvenancePackage.DERIVATION__GENERATED_ENTITY:
				setGeneratedEntity((Entity)null);
				return;
			case ProvenancePackage.DERIVATION__USED_ENTITY:
				setUsedEntity((Entity)null);
				return;
			case ProvenancePackage.DERIVATION__ACTIVITY:
				setActivity((Activity)null);
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
			case ProvenancePackage.DERIVATION__GENERATED_ENTITY:
				return generatedEntity != null;
			case ProvenancePackage.DERIVATION__USED_ENTITY:
				return usedEntity != null;
			case ProvenancePackage.DERIVATION__ACTIVITY:
				return activity != null;
		}
		return super.eIsSet(featureID);
	}

} //DerivationImpl
