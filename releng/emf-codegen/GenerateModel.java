import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Runs EMF's own code generator (org.eclipse.emf.codegen.ecore, precompiled JET templates) headless,
 * without an Eclipse workspace, the way the "Generate Model Code" action of the genmodel editor does.
 *
 * <p>Usage: {@code java -cp <emf codegen classpath> GenerateModel.java <file.genmodel> <projectName> <outputDir>}.
 * The genmodel's {@code modelDirectory} is a workspace path {@code /<projectName>/<folder>}; the
 * workspace project {@code <projectName>} is mapped to {@code <outputDir>}, so the code lands in
 * {@code <outputDir>/<folder>}. Before generating, the genmodel is brought up to date with its .ecore
 * ({@link GenModel#initialize(java.util.Collection)}, as the editor's "Reload" does) and saved back, so
 * new classes and features of the .ecore need no hand-editing of the genmodel.
 */
public final class GenerateModel {
    private GenerateModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GenerateModel <file.genmodel> <projectName> <outputDir>");
            System.exit(2);
        }
        File genmodelFile = new File(args[0]).getAbsoluteFile();
        String project = args[1];
        File outputDir = new File(args[2]).getAbsoluteFile();

        ResourceSet rs = new ResourceSetImpl();
        Map<String, Object> factories = rs.getResourceFactoryRegistry().getExtensionToFactoryMap();
        factories.put("ecore", new EcoreResourceFactoryImpl());
        factories.put("genmodel", new XMIResourceFactoryImpl());
        rs.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);
        rs.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);

        // platform:/plugin/org.eclipse.emf.ecore/ (used by the Ecore.genmodel reference) -> the EMF jar
        URL ecoreJar = EcorePackage.class.getProtectionDomain().getCodeSource().getLocation();
        URI ecoreBase = URI.createURI("archive:" + URI.createFileURI(new File(ecoreJar.toURI()).getPath()) + "!/");
        URIConverter.URI_MAP.put(URI.createPlatformPluginURI("org.eclipse.emf.ecore/", false), ecoreBase);
        URIConverter.URI_MAP.put(URI.createPlatformResourceURI("org.eclipse.emf.ecore/", false), ecoreBase);
        // the workspace project -> the output directory (the Generator writes platform:/resource URIs)
        outputDir.mkdirs();
        EcorePlugin.getPlatformResourceMap().put(project, URI.createFileURI(outputDir.getPath() + File.separator));

        Resource genRes = rs.getResource(URI.createFileURI(genmodelFile.getPath()), true);
        GenModel genModel = (GenModel) genRes.getContents().get(0);
        List<EPackage> ePackages = new ArrayList<>();
        for (GenPackage gp : genModel.getGenPackages()) {
            EPackage ep = gp.getEcorePackage();
            if (ep == null || ep.eIsProxy()) {
                throw new IllegalStateException("cannot resolve the .ecore of a GenPackage in " + genmodelFile);
            }
            ePackages.add(ep);
        }
        for (EPackage ep : ePackages) {
            Diagnostic d = Diagnostician.INSTANCE.validate(ep);
            if (d.getSeverity() >= Diagnostic.ERROR) {
                throw new IllegalStateException("invalid .ecore: " + describe(d));
            }
        }
        genModel.initialize(ePackages);
        genModel.reconcile();
        EcoreUtil.resolveAll(rs);
        genRes.save(Collections.singletonMap(Resource.OPTION_LINE_DELIMITER, "\n"));

        genModel.setCanGenerate(true);
        genModel.setValidateModel(false);
        genModel.setUpdateClasspath(false);
        Diagnostic v = genModel.diagnose();
        if (v.getSeverity() >= Diagnostic.ERROR) {
            throw new IllegalStateException("invalid genmodel: " + describe(v));
        }
        Generator generator = new Generator();
        // inside Eclipse the extension registry supplies this; standalone it must be registered by hand
        generator.getAdapterFactoryDescriptorRegistry().addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        generator.setInput(genModel);
        Diagnostic result = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor.Printing(System.out));
        if (result.getSeverity() >= Diagnostic.WARNING) {
            System.err.println(describe(result));
        }
        if (result.getSeverity() >= Diagnostic.ERROR) {
            System.exit(1);
        }
    }

    private static String describe(Diagnostic d) {
        StringBuilder sb = new StringBuilder(String.valueOf(d.getMessage()));
        if (d.getException() != null) {
            sb.append(" (").append(d.getException()).append(')');
        }
        for (Diagnostic c : d.getChildren()) {
            sb.append("\n  ").append(describe(c).replace("\n", "\n  "));
        }
        return sb.toString();
    }
}
