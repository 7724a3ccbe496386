package kr.aifellows.portal.fellows.web;

/**
 * The cluster user an administrator gives a fellow; blank clears it.
 */
class ClusterUserForm {

	private String clusterUser;

	ClusterUserForm() {
	}

	ClusterUserForm(String clusterUser) {
		this.clusterUser = clusterUser;
	}

	public String getClusterUser() {
		return clusterUser;
	}

	public void setClusterUser(String clusterUser) {
		this.clusterUser = clusterUser;
	}

}
