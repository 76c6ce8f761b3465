/**
 */
package tessera.provenance.model.impl;

import java.util.Collection;

import org.eclipse.emf.common.notify.Notification;

import org.eclipse.emf.common.util.EList;

import org.eclipse.emf.ecore.EClass;

import org.eclipse.emf.ecore.impl.ENotificationImpl;

import org.eclipse.emf.ecore.util.EDataTypeEList;

import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.ProvenancePackage;

/**
 * <!-- begin-user-doc -->
 * An implementation of the model object '<em><b>Entity</b></em>'.
 * <!-- end-user-doc -->
 * <p>
 * The following features are implemented:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getKind <em>Kind</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getUri <em>Uri</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getPathInFile <em>Path In File</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getSha256 <em>Sha256</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getShape <em>Shape</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getDtype <em>Dtype</em>}</li>
 *   <li>{@link tessera.provenance.model.impl.EntityImpl#getValue <em>Value</em>}</li>
 * </ul>
 *
 * @generated
 */
public class EntityImpl extends IdentifiedImpl implements Entity {
	/**
	 * The default value of the '{@link #getKind() <em>Kind</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getKind()
	 * @generated
	 * @ordered
	 */
	protected static final EntityKind KIND_EDEFAULT = EntityKind.FILE;

	/**
	 * The cached value of the '{@link #getKind() <em>Kind</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getKind()
	 * @generated
	 * @ordered
	 */
	protected EntityKind kind = KIND_EDEFAULT;

	/**
	 * The default value of the '{@link #getUri() <em>Uri</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getUri()
	 * @generated
	 * @ordered
	 */
	protected static final String URI_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getUri() <em>Uri</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getUri()
	 * @generated
	 * @ordered
	 */
	protected String uri = URI_EDEFAULT;

	/**
	 * The default value of the '{@link #getPathInFile() <em>Path In File</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getPathInFile()
	 * @generated
	 * @ordered
	 */
	protected static final String PATH_IN_FILE_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getPathInFile() <em>Path In File</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getPathInFile()
	 * @generated
	 * @ordered
	 */
	protected String pathInFile = PATH_IN_FILE_EDEFAULT;

	/**
	 * The default value of the '{@link #getSha256() <em>Sha256</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getSha256()
	 * @generated
	 * @ordered
	 */
	protected static final String SHA256_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getSha256() <em>Sha256</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getSha256()
	 * @generated
	 * @ordered
	 */
	protected String sha256 = SHA256_EDEFAULT;

	/**
	 * The cached value of the '{@link #getShape() <em>Shape</em>}' attribute list.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getShape()
	 * @generated
	 * @ordered
	 */
	protected EList<Long> shape;

	/**
	 * The default value of the '{@link #getDtype() <em>Dtype</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getDtype()
	 * @generated
	 * @ordered
	 */
	protected static final String DTYPE_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getDtype() <em>Dtype</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getDtype()
	 * @generated
	 * @ordered
	 */
	protected String dtype = DTYPE_EDEFAULT;

	/**
	 * The default value of the '{@link #getValue() <em>Value</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getValue()
	 * @generated
	 * @ordered
	 */
	protected static final String VALUE_EDEFAULT = null;

	/**
	 * The cached value of the '{@link #getValue() <em>Value</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @see #getValue()
	 * @generated
	 * @ordered
	 */
	protected String value = VALUE_EDEFAULT;

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	protected EntityImpl() {
		super();
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	protected EClass eStaticClass() {
		return ProvenancePackage.Literals.ENTITY;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EntityKind getKind() {
		return kind;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setKind(EntityKind newKind) {
		EntityKind oldKind = kind;
		kind = newKind == null ? KIND_EDEFAULT : newKind;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__KIND, oldKind, kind));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getUri() {
		return uri;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setUri(String newUri) {
		String oldUri = uri;
		uri = newUri;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__URI, oldUri, uri));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getPathInFile() {
		return pathInFile;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setPathInFile(String newPathInFile) {
		String oldPathInFile = pathInFile;
		pathInFile = newPathInFile;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__PATH_IN_FILE, oldPathInFile, pathInFile));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getSha256() {
		return sha256;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setSha256(String newSha256) {
		String oldSha256 = sha256;
		sha256 = newSha256;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__SHA256, oldSha256, sha256));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public EList<Long> getShape() {
		if (shape == null) {
			shape = new EDataTypeEList<Long>(Long.class, this, ProvenancePackage.ENTITY__SHAPE);
		}
		return shape;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getDtype() {
		return dtype;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setDtype(String newDtype) {
		String oldDtype = dtype;
		dtype = newDtype;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__DTYPE, oldDtype, dtype));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public String getValue() {
		return value;
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public void setValue(String newValue) {
		String oldValue = value;
		value = newValue;
		if (eNotificationRequired())
			eNotify(new ENotificationImpl(this, Notification.SET, ProvenancePackage.ENTITY__VALUE, oldValue, value));
	}

	/**
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @generated
	 */
	@Override
	public Object eGet(int featureID, boolean resolve, boolean coreType) {
		switch (featureID) {
			case ProvenancePackage.ENTITY__KIND:
				return getKind();
			case ProvenancePackage.ENTITY__URI:
				return getUri();
			case ProvenancePackage.ENTITY__PATH_IN_FILE:
				return getPathInFile();
			case ProvenancePackage.ENTITY__SHA256:
				return getSha256();
			case ProvenancePackage.ENTITY__SHAPE:
				return getShape();
			case ProvenancePackage.ENTITY__DTYPE:
				return getDtype();
			case ProvenancePackage.ENTITY__VALUE:
				return getValue();
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
			case ProvenancePackage.ENTITY__KIND:
				setKind((EntityKind)newValue);
				return;
			case ProvenancePackage.ENTITY__URI:
				setUri((String)newValue);
				return;
			case ProvenancePackage.ENTITY__PATH_IN_FILE:
				setPathInFile((String)newValue);
				return;
			case ProvenancePackage.ENTITY__SHA256:
				setSha256((String)newValue);
				return;
			case ProvenancePackage.ENTITY__SHAPE:
				getShape().clear();
				getShape().addAll((Collection<? extends Long>)newValue);
				return;
			case ProvenancePackage.ENTITY__DTYPE:
				setDtype((String)newValue);
				return;
			case ProvenancePackage.ENTITY__VALUE:
				setValue((String)newValue);
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
			case ProvenancePackage.ENTITY__KIND:
				setKind(KIND_EDEFAULT);
				return;
			case ProvenancePackage.ENTITY__URI:
				setUri(URI_EDEFAULT);
				return;
			case ProvenancePackage.ENTITY__PATH_IN_FILE:
				setPathInFile(PATH_IN_FILE_EDEFAULT);
				return;
			case ProvenancePackage.ENTITY__SHA256:
				setSha256(SHA256_EDEFAULT);
				return;
			case ProvenancePackage.ENTITY__SHAPE:
				getShape().clear();
				return;
			case ProvenancePackage.ENTITY__DTYPE:
				setDtype(DTYPE_EDEFAULT);
				return;
			case ProvenancePackage.ENTITY__VALUE:
				setValue(VALUE_EDEFAULT);
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
			case ProvenancePackage.ENTITY__KIND:
				return kind != KIND_EDEFAULT;
			case ProvenancePackage.ENTITY__URI:
				return URI_EDEFAULT == null ? uri != null : !URI_EDEFAULT.equals(uri);
			case ProvenancePackage.ENTITY__PATH_IN_FILE:
				return PATH_IN_FILE_EDEFAULT == null ? pathInFile != null : !PATH_IN_FILE_EDEFAULT.equals(pathInFile);
			case ProvenancePackage.ENTITY__SHA256:
				return SHA256_EDEFAULT == null ? sha256 != null : !SHA256_EDEFAULT.equals(sha256);
			case ProvenancePackage.ENTITY__SHAPE:
				return shape != null && !shape.isEmpty();
			case ProvenancePackage.ENTITY__DTYPE:
				return DTYPE_EDEFAULT == null ? dtype != null : !DTYPE_EDEFAULT.equals(dtype);
			case ProvenancePackage.ENTITY__VALUE:
				return VALUE_EDEFAULT == null ? value != null : !VALUE_EDEFAULT.equals(value);
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
		result.append(" (kind: ");
		result.append(kind);
		result.append(", uri: ");
		result.append(uri);
		result.append(", pathInFile: ");
		result.append(pathInFile);
		result.append(", sha256: ");
		result.append(sha256);
		result.append(", shape: ");
		result.append(shape);
		result.append(", dtype: ");
		result.append(dtype);
		result.append(", value: ");
		result.append(value);
		result.append(')');
		return result.toString();
	}

} //EntityImpl
