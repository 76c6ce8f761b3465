/**
 */
package tessera.provenance.model;


/**
 * <!-- begin-user-doc -->
 * A representation of the model object '<em><b>Agent</b></em>'.
 * <!-- end-user-doc -->
 *
 * <!-- begin-model-doc -->
 * A PROV-DM agent (https://www.w3.org/TR/prov-dm/#term-agent): the person who ran the pipeline, the Tessera software, the Java virtual machine, or a script that drove a step.
 * <!-- end-model-doc -->
 *
 * <p>
 * The following features are supported:
 * </p>
 * <ul>
 *   <li>{@link tessera.provenance.model.Agent#getKind <em>Kind</em>}</li>
 *   <li>{@link tessera.provenance.model.Agent#getName <em>Name</em>}</li>
 *   <li>{@link tessera.provenance.model.Agent#getVersion <em>Version</em>}</li>
 * </ul>
 *
 * @see tessera.provenance.model.ProvenancePackage#getAgent()
 * @model
 * @generated
 */
public interface Agent extends Identified {
	/**
	 * Returns the value of the '<em><b>Kind</b></em>' attribute.
	 * The literals are from the enumeration {@link tessera.provenance.model.AgentKind}.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * What kind of agent this is.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Kind</em>' attribute.
	 * @see tessera.provenance.model.AgentKind
	 * @see #setKind(AgentKind)
	 * @see tessera.provenance.model.ProvenancePackage#getAgent_Kind()
	 * @model
	 * @generated
	 */
	AgentKind getKind();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Agent#getKind <em>Kind</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Kind</em>' attribute.
	 * @see tessera.provenance.model.AgentKind
	 * @see #getKind()
	 * @generated
	 */
	void setKind(AgentKind value);

	/**
	 * Returns the value of the '<em><b>Name</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Name: the OS user name for a person, the product name for software (e.g. 'Tessera', 'OpenJDK 64-Bit Server VM'), the script file name.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Name</em>' attribute.
	 * @see #setName(String)
	 * @see tessera.provenance.model.ProvenancePackage#getAgent_Name()
	 * @model
	 * @generated
	 */
	String getName();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Agent#getName <em>Name</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Name</em>' attribute.
	 * @see #getName()
	 * @generated
	 */
	void setName(String value);

	/**
	 * Returns the value of the '<em><b>Version</b></em>' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * <!-- begin-model-doc -->
	 * Version of software or of the JVM; null for persons.
	 * <!-- end-model-doc -->
	 * @return the value of the '<em>Version</em>' attribute.
	 * @see #setVersion(String)
	 * @see tessera.provenance.model.ProvenancePackage#getAgent_Version()
	 * @model
	 * @generated
	 */
	String getVersion();

	/**
	 * Sets the value of the '{@link tessera.provenance.model.Agent#getVersion <em>Version</em>}' attribute.
	 * <!-- begin-user-doc -->
	 * <!-- end-user-doc -->
	 * @param value the new value of the '<em>Version</em>' attribute.
	 * @see #getVersion()
	 * @generated
	 */
	void setVersion(String value);

} // Agent
