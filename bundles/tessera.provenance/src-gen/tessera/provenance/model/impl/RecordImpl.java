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
import tessera.provenance.model.Agent;
import tessera.provenance.model.Association;
import tessera.provenance.model.Communication;
import tessera.provenance.model.Derivation;
import tessera.provenance.model.Entity;
import tessera.provenance.model.Generation;
import tessera.provenance.model.ProvenancePackage;
import tessera.provenance.model.Usage;

/**
 * <!-- begin-user-doc -->
 * An implementation of the model object '<em><b>Record</b></em>'.
 * <!-- end-user-doc -->
 * <p>
 * The following features are implemented:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getCreated <em>Created</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getTesseraVersion <em>Tessera Version</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getEntities <em>Entities</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getActivities <em>Activities</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getAgents <em>Agents</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getUsages <em>Usages</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getGenerations <em>Generations</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getAssociations <em>Associations</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getDerivations <em>Derivations</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.RecordImpl#getCommunications <em>Communications</em>}</li>
 * </ul>
 *
 * @generated
 */
public class RecordImpl extends IdentifiedImpl implements tessera.provenance.model.Record {
	/**
	 * The default value of the '{@link #getCreated() <em>Created</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getCreated()
	 * @generated
	 * @ordered
	 */
	protected static final Date CREATED_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getCreated() <em>Created</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getCreated()
	 * @generated
	 * @ordered
	 */
	protected Date created = CREATED_EDEFAULT;

	/**
	 * The default value of the '{@link #getTesseraVersion() <em>Tessera Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getTesseraVersion()
	 * @generated
	 * @ordered
	 */
	protected static final String TESSERA_VERSION_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getTesseraVersion() <em>Tessera Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getTesseraVersion()
	 * @generated
	 * @ordered
	 */
	protected String tesseraVersion = TESSERA_VERSION_EDEFAULT;

	/**
	 * The cached value of the '{@link #getEntities() <em>Entities</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getEntities()
	 * @generated
	 * @ordered
	 */
	protected EList<Entity> entities;

	/**
	 * The cached value of the '{@link #getActivities() <em>Activities</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getActivities()
	 * @generated
	 * @ordered
	 */
	protected EList<Activity> activities;

	/**
	 * The cached value of the '{@link #getAgents() <em>Agents</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getAgents()
	 * @generated
	 * @ordered
	 */
	protected EList<Agent> agents;

	/**
	 * The cached value of the '{@link #getUsages() <em>Usages</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getUsages()
	 * @generated
	 * @ordered
	 */
	protected EList<Usage> usages;

	/**
	 * The cached value of the '{@link #getGenerations() <em>Generations</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getGenerations()
	 * @generated
	 * @ordered
	 */
	protected EList<Generation> generations;

	/**
	 * The cached value of the '{@link #getAssociations() <em>Associations</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getAssociations()
	 * @generated
	 * @ordered
	 */
	protected EList<Association> associations;

	/**
	 * The cached value of the '{@link #getDerivations() <em>Derivations</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getDerivations()
	 * @generated
	 * @ordered
	 */
	protected EList<Derivation> derivations;

	/**
	 * The cached value of the '{@link #getCommunications() <em>Communications</em>}' containment reference list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getCommunications()
	 * @generated
	 * @ordered
	 */
	protected EList<Communication> communications;

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	protected RecordImpl() {
		super();
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	protected EClass eStaticClass() {
		return ProvenancePackage.Literals.RECORD;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Date getCreated() {
		return created;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setCreated(Date newCreated) {
		Date oldCreated = created;
		created = newCreated;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.RECORD__CREATED, oldCreated, created));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getTesseraVersion() {
		return tesseraVersion;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setTesseraVersion(String newTesseraVersion) {
		String oldTesseraVersion = tesseraVersion;
		tesseraVersion = newTesseraVersion;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.RECORD__TESSERA_VERSION, oldTesseraVersion, tesseraVersion));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Entity> getEntities() {
		if (entities == null) {
			entities = new EObjectContainmentEList<Entity>(Entity.class, this, ProvenancePackage.RECORD__ENTITIES);
		}
		return entities;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Activity> getActivities() {
		if (activities == null) {
			activities = new EObjectContainmentEList<Activity>(Activity.class, this, ProvenancePackage.RECORD__ACTIVITIES);
		}
		return activities;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Agent> getAgents() {
		if (agents == null) {
			agents = new EObjectContainmentEList<Agent>(Agent.class, this, ProvenancePackage.RECORD__AGENTS);
		}
		return agents;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Usage> getUsages() {
		if (usages == null) {
			usages = new EObjectContainmentEList<Usage>(Usage.class, this, ProvenancePackage.RECORD__USAGES);
		}
		return usages;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Generation> getGenerations() {
		if (generations == null) {
			generations = new EObjectContainmentEList<Generation>(Generation.class, this, ProvenancePackage.RECORD__GENERATIONS);
		}
		return generations;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Association> getAssociations() {
		if (associations == null) {
			associations = new EObjectContainmentEList<Association>(Association.class, this, ProvenancePackage.RECORD__ASSOCIATIONS);
		}
		return associations;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Derivation> getDerivations() {
		if (derivations == null) {
			derivations = new EObjectContainmentEList<Derivation>(Derivation.class, this, ProvenancePackage.RECORD__DERIVATIONS);
		}
		return derivations;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Communication> getCommunications() {
		if (communications == null) {
			communications = new EObjectContainmentEList<Communication>(Communication.class, this, ProvenancePackage.RECORD__COMMUNICATIONS);
		}
		return communications;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public NotificationChain eInverseRemove(InternalEObject otherEnd, int featureID, NotificationChain msgs) {
		switch (featureID) {
			case ProvenancePackage.RECORD__ENTITIES:
				return ((InternalEList<?>)getEntities()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__ACTIVITIES:
				return ((InternalEList<?>)getActivities()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__AGENTS:
				return ((InternalEList<?>)getAgents()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__USAGES:
				return ((InternalEList<?>)getUsages()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__GENERATIONS:
				return ((InternalEList<?>)getGenerations()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__ASSOCIATIONS:
				return ((InternalEList<?>)getAssociations()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__DERIVATIONS:
				return ((InternalEList<?>)getDerivations()).basicRemove(otherEnd, msgs);
			case ProvenancePackage.RECORD__COMMUNICATIONS:
				return ((InternalEList<?>)getCommunications()).basicRemove(otherEnd, msgs);
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
			case ProvenancePackage.RECORD__CREATED:
				return getCreated();
			case ProvenancePackage.RECORD__TESSERA_VERSION:
				return getTesseraVersion();
			case ProvenancePackage.RECORD__ENTITIES:
				return getEntities();
			case ProvenancePackage.RECORD__ACTIVITIES:
				return getActivities();
			case ProvenancePackage.RECORD__AGENTS:
				return getAgents();
			case ProvenancePackage.RECORD__USAGES:
				return getUsages();
			case ProvenancePackage.RECORD__GENERATIONS:
				return getGenerations();
			case ProvenancePackage.RECORD__ASSOCIATIONS:
				return getAssociations();
			case ProvenancePackage.RECORD__DERIVATIONS:
				return getDerivations();
			case ProvenancePackage.RECORD__COMMUNICATIONS:
				return getCommunications();
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
			case ProvenancePackage.RECORD__CREATED:
				setCreated((Date)newValue);
				return;
			case ProvenancePackage.RECORD__TESSERA_VERSION:
				setTesseraVersion((String)newValue);
				return;
			case ProvenancePackage.RECORD__ENTITIES:
				getEntities().clear();
				getEntities().addAll((Collection<? extends Entity>)newValue);
				return;
			case ProvenancePackage.RECORD__ACTIVITIES:
				getActivities().clear();
				getActivities().addAll((Collection<? extends Activity>)newValue);
				return;
			case ProvenancePackage.RECORD__AGENTS:
				getAgents().clear();
				getAgents().addAll((Collection<? extends Agent>)newValue);
				return;
			case ProvenancePackage.RECORD__USAGES:
				getUsages().clear();
				getUsages().addAll((Collection<? extends Usage>)newValue);
				return;
			case ProvenancePackage.RECORD__GENERATIONS:
				getGenerations().clear();
				getGenerations().addAll((Collection<? extends Generation>)newValue);
				return;
			case ProvenancePackage.RECORD__ASSOCIATIONS:
				getAssociations().clear();
				getAssociations().addAll((Collection<? extends Association>)newValue);
				return;
			case ProvenancePackage.RECORD__DERIVATIONS:
				getDerivations().clear();
				getDerivations().addAll((Collection<? extends Derivation>)newValue);
				return;
			case ProvenancePackage.RECORD__COMMUNICATIONS:
				getCommunications().clear();
				getCommunications().addAll((Collection<? extends Communication>)newValue);
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
			case ProvenancePackage.RECORD__CREATED:
				setCreated(CREATED_EDEFAULT);
				return;
			case ProvenancePackage.RECORD__TESSERA_VERSION:
				setTesseraVersion(TESSERA_VERSION_EDEFAULT);
				return;
			case ProvenancePackage.RECORD__ENTITIES:
				getEntities().clear();
				return;
			case ProvenancePackage.RECORD__ACTIVITIES:
				getActivities().clear();
				return;
			case ProvenancePackage.RECORD__AGENTS:
				getAgents().clear();
				return;
			case ProvenancePackage.RECORD__USAGES:
				getUsages().clear();
				return;
			case ProvenancePackage.RECORD__GENERATIONS:
				getGenerations().clear();
				return;
			case ProvenancePackage.RECORD__ASSOCIATIONS:
				getAssociations().clear();
				return;
			case ProvenancePackage.RECORD__DERIVATIONS:
				getDerivations().clear();
				return;
			case ProvenancePackage.RECORD__COMMUNICATIONS:
				getCommunications().clear();
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
			case ProvenancePackage.RECORD__CREATED:
				return CREATED_EDEFAULT == null ? created != null : !CREATED_EDEFAULT.equals(created);
			case ProvenancePackage.RECORD__TESSERA_VERSION:
				return TESSERA_VERSION_EDEFAULT == null ? tesseraVersion != null : !TESSERA_VERSION_EDEFAULT.equals(tesseraVersion);
			case ProvenancePackage.RECORD__ENTITIES:
				return entities != null && !entities.isEmpty();
			case ProvenancePackage.RECORD__ACTIVITIES:
				return activities != null && !activities.isEmpty();
			case ProvenancePackage.RECORD__AGENTS:
				return agents != null && !agents.isEmpty();
			case ProvenancePackage.RECORD__USAGES:
				return usages != null && !usages.isEmpty();
			case ProvenancePackage.RECORD__GENERATIONS:
				return generations != null && !generations.isEmpty();
			case ProvenancePackage.RECORD__ASSOCIATIONS:
				return associations != null && !associations.isEmpty();
			case ProvenancePackage.RECORD__DERIVATIONS:
				return derivations != null && !derivations.isEmpty();
			case ProvenancePackage.RECORD__COMMUNICATIONS:
				return communications != null && !communications.isEmpty();
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
		result.append(" (created: ");
		result.append(created);
		result.append(", tesseraVersion: ");
		result.append(tesseraVersion);
		result.append(')');
		return result.toString();
	}

} //RecordImpl
