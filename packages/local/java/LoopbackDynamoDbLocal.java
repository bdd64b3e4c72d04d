import java.lang.reflect.Field;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local listening on one address only (127.0.0.1 unless the system property
 * `dynamodb.local.host` says otherwise). The jar has no host option: its Jetty server is
 * created with a port alone and binds every interface. So this builds the server from the
 * usual command line, as the jar's own main does, sets the host on its connector before it
 * opens, and starts it. Telemetry is never configured, so none is sent.
 *
 * Run with the source-file launcher (Java 17+): java -cp <jar and its libs> LoopbackDynamoDbLocal.java -port ...
 */
public class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        int bound = 0;
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractNetworkConnector network) {
                network.setHost(host);
                bound++;
            }
        }
        if (bound == 0) {
            throw new IllegalStateException("DynamoDB Local has no network connector to bind to " + host);
        }
        proxy.start();
        System.out.println("DynamoDB Local listening on " + host);
    }
}
