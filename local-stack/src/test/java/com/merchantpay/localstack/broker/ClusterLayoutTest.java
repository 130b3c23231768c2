package com.merchantpay.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.merchantpay.localstack.broker.KafkaBrokerProcess.BrokerPorts;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {

    private static final ClusterLayout THREE = new ClusterLayout("cluster", List.of(
            new BrokerPorts(9101, 9201), new BrokerPorts(9102, 9202), new BrokerPorts(9103, 9203)));

    @Test
    void everyNodeOfAThreeNodeClusterVotesForTheControllerAndIsABootstrapAddress() {
        assertThat(THREE.controllerVoters()).isEqualTo("1@127.0.0.1:9201,2@127.0.0.1:9202,3@127.0.0.1:9203");
        assertThat(THREE.bootstrapServers()).isEqualTo("127.0.0.1:9101,127.0.0.1:9102,127.0.0.1:9103");
        assertThat(THREE.portsOf(2)).isEqualTo(new BrokerPorts(9102, 9202));
    }

    @Test
    void threeNodesKeepThreeReplicasAndAcknowledgeOnTwo() {
        assertThat(THREE.replicationFactor()).isEqualTo((short) 3);
        assertThat(THREE.minInSyncReplicas()).isEqualTo(2);
    }

    @Test
    void aSingleNodeKeepsOneReplica() {
        ClusterLayout one = new ClusterLayout("cluster", List.of(new BrokerPorts(9101, 9201)));
        assertThat(one.replicationFactor()).isEqualTo((short) 1);
        assertThat(one.minInSyncReplicas()).isEqualTo(1);
        assertThat(one.controllerVoters()).isEqualTo("1@127.0.0.1:9201");
    }

    @Test
    void twoNodesAreRefusedBecauseTheirQuorumSurvivesNoLoss() {
        assertThatThrownBy(() -> new ClusterLayout("cluster", List.of(new BrokerPorts(1, 2), new BrokerPorts(3, 4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> THREE.portsOf(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClusterNodeHasAFolderOfItsOwnWhileTheSingleBrokerKeepsItsOld() {
        assertThat(KafkaBrokerProcess.memberName(1, 1)).isEqualTo("kafka-broker");
        assertThat(KafkaBrokerProcess.memberName(3, 2)).isEqualTo("kafka-broker-2");
    }
}
