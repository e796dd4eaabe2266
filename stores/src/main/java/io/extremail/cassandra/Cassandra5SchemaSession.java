package io.extremail.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.session.SessionWrapper;

/**
 * A session used only while creating the schema: every table statement goes through {@link Cassandra5Dialect}.
 * The running server uses the plain session, so the hot path pays nothing for this.
 */
public class Cassandra5SchemaSession extends SessionWrapper implements CqlSession {

    public Cassandra5SchemaSession(CqlSession delegate) {
        super(delegate);
    }

    @Override
    public <RequestT extends Request, ResultT> ResultT execute(RequestT request, GenericType<ResultT> resultType) {
        return super.execute(adapt(request), resultType);
    }

    @SuppressWarnings("unchecked")
    private static <RequestT extends Request> RequestT adapt(RequestT request) {
        if (request instanceof SimpleStatement) {
            SimpleStatement statement = (SimpleStatement) request;
            if (Cassandra5Dialect.isSchemaStatement(statement.getQuery())) {
                return (RequestT) statement.setQuery(Cassandra5Dialect.adapt(statement.getQuery()));
            }
        }
        return request;
    }
}
