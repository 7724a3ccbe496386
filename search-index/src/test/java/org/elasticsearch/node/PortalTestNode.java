package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node with a fixed list of plugin classes, for tests. It lives in ES's
 * package because {@link NodeConstruction} and {@link NodeServiceProvider} are
 * package-private.
 */
public class PortalTestNode extends Node {

	public PortalTestNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
		super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
			@Override
			PluginsService newPluginService(Environment env, PluginsLoader loader) {
				return new MockPluginsService(env.settings(), env, plugins);
			}
		}, true));
	}

	@Override
	protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
		// the production listener wires node ids into logging, which this test node does
		// not set up
	}

}
