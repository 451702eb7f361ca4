using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;
using B = AcrNetCheck.Core.Tests.Support.EvidenceBuilder;

namespace AcrNetCheck.Cli.Tests.Samples;

/// <summary>
/// The source of samples/*.json: each a realistic field case in real ARM shapes. The committed files are approved
/// copies of these (SampleFilesTests keeps them equal; UPDATE_SAMPLES=1 rewrites them), and samples/README.md states
/// what each must produce.
/// </summary>
public static class SampleDefinitions
{
    private const string Workspace = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central";
    private const string OtherSubscription = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    private static readonly string HubPeSubnet = B.SubnetId("vnet-hub", "snet-pe");
    private static readonly string HubBuildSubnet = B.SubnetId("vnet-hub", "snet-build");
    private const string AksCluster = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod";
    private static readonly string SpokeAksSubnet = B.SubnetId("vnet-spoke", "snet-aks");
    /// <summary>The system-assigned identity of the ACR task build-app, as its login events name it.</summary>
    private const string BuildAppPrincipal = "5b8c2d1e-3f4a-4b6c-9d7e-8f0a1b2c3d4e";

    public static IReadOnlyDictionary<string, Func<EvidenceBundle>> All { get; } = new Dictionary<string, Func<EvidenceBundle>>
    {
        ["healthy-public"] = () => Base("A public Premium registry reached from a laptop: every probe as expected.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe().Build(),

        ["registry-never-answers"] = () => Base("TCP and TLS to the login server succeed, then GET /v2/ gets no answer (docker: Client.Timeout exceeded while awaiting headers); nothing in the configuration explains it.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .WithLoginProbe(p => p.Http = new HttpProbe { Url = "https://contoso.azurecr.io/v2/", ErrorKind = HttpErrorKind.Timeout, Error = "no response within 5000 ms" })
            .Build(),

        ["private-endpoint-healthy"] = () => PrivateRegistry("Public access disabled; an approved private endpoint with a linked zone and matching records; probed from a VM in the hub VNet.")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4").PrivateProbe("contoso.eastus.data.azurecr.io", "10.1.0.5", EndpointPurpose.DataEndpoint, "eastus")
            .Build(),

        ["private-endpoint-with-leftovers"] = () => Base("A private registry that works from the hub, carrying what a move from public rules left behind: IP rules and a service-endpoint rule beside the private endpoint, and Azure Bastion in the hub.")
            .DefaultDeny().IpRule("203.0.113.0/24").VnetRule(HubBuildSubnet)
            .PrivateEndpointWithDns("vnet-hub", "snet-pe")
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", usedAddresses: 3)
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).VirtualNetwork("vnet-hub").Bastion("vnet-hub")
            .Provider(B.Subscription)
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4").PrivateProbe("contoso.eastus.data.azurecr.io", "10.1.0.5", EndpointPurpose.DataEndpoint, "eastus")
            .Build(),

        ["client-dns-nxdomain"] = () => Base("The corporate DNS server answers NXDOMAIN for the login server (it hosts an azurecr.io zone of its own). No diagnostic setting collects login events.", diagnostics: false)
            .DiagnosticSettingsRead()
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .WithLoginProbe(p => { p.Dns = [new DnsLookup { Source = "system", Status = DnsStatus.NxDomain, Error = "Name or service not known" }]; p.Tcp = null; p.Tls = null; p.Http = null; })
            .Build(),

        ["client-data-endpoint-blocked"] = () => Base("Geo-replicated registry with dedicated data endpoints: the client firewall allows the login server and eastus data endpoint, not westeurope's.")
            .Replica("westeurope").DataEndpoints().Vantage(VantageKind.Local, publicIp: "203.0.113.7")
            .HealthyProbe().HealthyProbe("contoso.eastus.data.azurecr.io", "20.42.66.10", EndpointPurpose.DataEndpoint, "eastus")
            .HealthyProbe("contoso.westeurope.data.azurecr.io", "20.50.2.10", EndpointPurpose.DataEndpoint, "westeurope")
            .WithProbe("contoso.westeurope.data.azurecr.io", p => { p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "20.50.2.10", Error = "connect timed out after 5000 ms" }; p.Tls = null; })
            .Build(),

        ["client-proxy-blocked"] = () => Base("Direct egress is blocked; the corporate proxy refuses CONNECT to the registry with 403.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .Proxy(new ProxyEvidence
            {
                Environment = new ProxySettings { Source = "environment", HttpsProxy = "http://proxy.corp.example:3128", NoProxy = "localhost,127.0.0.1", BypassesRegistry = false },
                DockerDaemon = new ProxySettings { Source = "/etc/systemd/system/docker.service.d/http-proxy.conf", HttpsProxy = "http://proxy.corp.example:3128" },
                DockerConfigInspected = true,
            })
            .WithLoginProbe(p =>
            {
                p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "20.42.65.1", Error = "connect timed out after 5000 ms" };
                p.Tls = null;
                p.Http = new HttpProbe { Url = "https://contoso.azurecr.io/v2/", Proxy = "http://proxy.corp.example:3128", ProxyStatusCode = 403, ErrorKind = HttpErrorKind.ProxyConnectRefused, Error = "The proxy tunnel request to proxy 'http://proxy.corp.example:3128/' failed with status code '403'." };
            })
            .Build(),

        ["client-proxy-docker-mismatch"] = () => Base("The shell has HTTPS_PROXY and reaches the registry through it; the Docker daemon has no proxy configured, so docker pull times out.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .Proxy(new ProxyEvidence { Environment = new ProxySettings { Source = "environment", HttpsProxy = "http://proxy.corp.example:3128", BypassesRegistry = false }, DockerConfigInspected = true })
            .WithLoginProbe(p => p.Http!.Proxy = "http://proxy.corp.example:3128")
            .Build(),

        ["client-tls-intercepted"] = () => Base("A TLS-inspecting firewall re-signs the registry's certificate with a corporate CA that this machine trusts (docker does not).")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .WithLoginProbe(p => p.Tls = new TlsProbe
            {
                Status = "ok", Protocol = "Tls12", Subject = "CN=*.azurecr.io", Issuer = "CN=Contoso Egress Inspection CA, O=Contoso Ltd",
                SubjectAlternativeNames = ["*.azurecr.io", "azurecr.io"],
                NotBefore = DateTimeOffset.Parse("2026-11-20T00:00:00Z"), NotAfter = DateTimeOffset.Parse("2026-12-20T00:00:00Z"),
                Chain =
                [
                    new CertificateInfo { Subject = "CN=*.azurecr.io", Issuer = "CN=Contoso Egress Inspection CA, O=Contoso Ltd" },
                    new CertificateInfo { Subject = "CN=Contoso Egress Inspection CA, O=Contoso Ltd", Issuer = "CN=Contoso Root CA, O=Contoso Ltd" },
                    new CertificateInfo { Subject = "CN=Contoso Root CA, O=Contoso Ltd", Issuer = "CN=Contoso Root CA, O=Contoso Ltd" },
                ],
            })
            .Build(),

        ["public-ip-not-allowed"] = () => Base("Selected networks only; the client's public IP is not in the IP rules and ACR answers 403 naming it.")
            .DefaultDeny().IpRule("16.17.18.0/24").Vantage(VantageKind.Local).HealthyProbe()
            .WithLoginProbe(p => p.Http = Forbidden("client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.", "203.0.113.7"))
            .Build(),

        ["public-access-disabled-no-private-endpoint"] = () => Base("Public network access was disabled but no private endpoint exists: no client can reach the registry.")
            .PublicAccessDisabled().Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .WithLoginProbe(p => p.Http = Forbidden("client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.", "203.0.113.7"))
            .Build(),

        ["private-endpoint-dns-not-linked"] = () => PrivateRegistry("The private DNS zone is linked to the hub VNet only; an AKS node in the peered spoke resolves the public address and is refused.")
            .Subnet("vnet-spoke", "snet-aks", "10.2.0.0/22").VirtualNetwork("vnet-spoke", "10.2.0.0/16").Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16")
            .Vantage(VantageKind.AksNode, subnetId: SpokeAksSubnet)
            .PublicViaPrivatelinkProbe()
            .Build(),

        ["private-endpoint-pending"] = () => Base("A private endpoint was created from another tenant with a manual connection that nobody approved.")
            .PrivateEndpoint(HubPeSubnet, status: "Pending").Subnet("vnet-hub", "snet-pe", usedAddresses: 1)
            .Build(),

        ["geo-replica-record-missing"] = () => PrivateRegistry("A westeurope replica was added after the private endpoint; its data endpoint got a NIC address but no A record in the zone.", replicaBeforeDns: "westeurope")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4").PrivateProbe("contoso.eastus.data.azurecr.io", "10.1.0.5", EndpointPurpose.DataEndpoint, "eastus")
            .Probe(new EndpointProbe
            {
                Host = "contoso.westeurope.data.azurecr.io", Purpose = EndpointPurpose.DataEndpoint, Region = "westeurope",
                Dns = [new DnsLookup { Source = "system", Status = DnsStatus.NxDomain, CnameChain = ["contoso.westeurope.data.azurecr.io", "contoso.westeurope.data.privatelink.azurecr.io"] }],
            })
            .Build(),

        ["private-dns-zone-kept-by-hand"] = () => Base("No zone group: the privatelink.azurecr.io zone is kept by hand, linked to the hub, and nobody added the westeurope replica's record.")
            .PublicAccessDisabled().Replica("westeurope").DataEndpoints()
            .PrivateEndpoint(HubPeSubnet).ZoneGroup().Zone().ZoneLink(B.VnetId("vnet-hub"))
            .ARecord("contoso", "10.1.0.4").ARecord("contoso.eastus.data", "10.1.0.5")
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", usedAddresses: 4).Subnet("vnet-hub", "snet-build", "10.1.1.0/24").VirtualNetwork("vnet-hub")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4").PrivateProbe("contoso.eastus.data.azurecr.io", "10.1.0.5", EndpointPurpose.DataEndpoint, "eastus")
            .Probe(new EndpointProbe
            {
                Host = "contoso.westeurope.data.azurecr.io", Purpose = EndpointPurpose.DataEndpoint, Region = "westeurope",
                Dns = [new DnsLookup { Source = "system", Status = DnsStatus.NxDomain, CnameChain = ["contoso.westeurope.data.azurecr.io", "contoso.westeurope.data.privatelink.azurecr.io"] }],
            })
            .Build(),

        ["private-dns-zone-missing"] = () => Base("An approved private endpoint without a private DNS zone group: clients keep resolving the public address and are refused.")
            .PublicAccessDisabled().PrivateEndpoint(HubPeSubnet).ZoneGroup("pe-contoso")
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", usedAddresses: 2).Subnet("vnet-hub", "snet-build", "10.1.1.0/24").VirtualNetwork("vnet-hub")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PublicViaPrivatelinkProbe()
            .Build(),

        ["geo-replica-not-covered"] = () => Base("The private endpoint was created before the westeurope replica and its /28 subnet is full, so the replica's data endpoint has no private address or record.")
            .PublicAccessDisabled().DataEndpoints()
            .PrivateEndpoint(HubPeSubnet, dataRegions: ["eastus"]).Zone().ZoneGroup("pe-contoso", B.ZoneIdOf()).ZoneLink(B.VnetId("vnet-hub"))
            .ARecord("contoso", "10.1.0.4").ARecord("contoso.eastus.data", "10.1.0.5")
            .Replica("westeurope")
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/28", usedAddresses: 11).Subnet("vnet-hub", "snet-build", "10.1.1.0/24").VirtualNetwork("vnet-hub")
            .Build(),

        ["private-dns-record-mismatch"] = () => PrivateRegistry("The private endpoint was re-created with new addresses; the zone still holds the old ones, so connections time out.", staleRecordIp: "10.1.0.9")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.9")
            .WithLoginProbe(p => { p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "10.1.0.9", Error = "connect timed out after 5000 ms" }; p.Tls = null; p.Http = null; })
            .Build(),

        ["private-dns-zone-shadowed"] = () => PrivateRegistry("A leftover eastus.data.privatelink.azurecr.io zone linked to the hub VNet hides the registry's eastus data record: pulls fail on layers only.")
            .Zone("eastus.data.privatelink.azurecr.io").ZoneLink(B.VnetId("vnet-hub"), "eastus.data.privatelink.azurecr.io")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4")
            .Probe(new EndpointProbe
            {
                Host = "contoso.eastus.data.azurecr.io", Purpose = EndpointPurpose.DataEndpoint, Region = "eastus",
                Dns = [new DnsLookup { Source = "system", Status = DnsStatus.NxDomain, CnameChain = ["contoso.eastus.data.azurecr.io", "contoso.eastus.data.privatelink.azurecr.io"] }],
            })
            .Build(),

        ["nsg-denies-outbound"] = () => Base("A build agent's subnet NSG denies outbound 443 to the AzureContainerRegistry tag at priority 100, before the allow at 200.")
            .ServiceTag("AzureContainerRegistry", "20.42.64.0/22", "20.50.0.0/21").ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22")
            .Nsg("nsg-build", new NsgRule("DenyAcrOutbound", 100, "Deny", "AzureContainerRegistry"), new NsgRule("AllowHttpsOutbound", 200, "Allow", "Internet"))
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", nsgId: B.NsgId("nsg-build")).VirtualNetwork("vnet-hub")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet).HealthyProbe()
            .WithLoginProbe(p => { p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "20.42.65.1", Error = "connect timed out after 5000 ms" }; p.Tls = null; p.Http = null; })
            .Build(),

        ["service-endpoint-rule-missing"] = () => Base("The build subnet has the Microsoft.ContainerRegistry service endpoint, but the registry's VNet rules name another subnet: ACR sees the VM's private address and refuses it.")
            .DefaultDeny().IpRule("16.17.18.0/24").VnetRule(B.SubnetId("vnet-hub", "snet-legacy"))
            .Subnet("vnet-hub", "snet-legacy", "10.1.9.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"])
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).VirtualNetwork("vnet-hub")
            .Provider(B.Subscription)
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet).HealthyProbe()
            .WithLoginProbe(p => p.Http = Forbidden("client with IP '10.1.1.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.", "10.1.1.4"))
            .Build(),

        ["vnet-rule-provider-not-registered"] = () => Base("A VNet rule names a subnet in another subscription where Microsoft.ContainerRegistry is not registered and the subnet has no service endpoint.")
            .DefaultDeny().VnetRule(B.SubnetId("vnet-apps", "snet-apps", OtherSubscription))
            .Subnet("vnet-apps", "snet-apps", "10.3.0.0/24", subscription: OtherSubscription)
            .Provider(OtherSubscription, "NotRegistered")
            .Build(),

        ["public-access-disabled-vnet-rules"] = () => Base("Service-endpoint rules were configured, then public network access was disabled, which turns them off too.")
            .PublicAccessDisabled().DefaultDeny().VnetRule(HubBuildSubnet)
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).VirtualNetwork("vnet-hub").Provider(B.Subscription)
            .Build(),

        ["egress-via-firewall"] = () => Base("The agent subnet routes 0.0.0.0/0 to Azure Firewall, which allows the login server but not the data endpoints.")
            .DataEndpoints()
            .RouteTable("rt-build", ("default-to-firewall", "0.0.0.0/0", "VirtualAppliance", "10.0.0.4"))
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", routeTableId: B.RouteTableId("rt-build")).VirtualNetwork("vnet-hub")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet).HealthyProbe()
            .HealthyProbe("contoso.eastus.data.azurecr.io", "20.42.66.10", EndpointPurpose.DataEndpoint, "eastus")
            .WithProbe("contoso.eastus.data.azurecr.io", p => { p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "20.42.66.10", Error = "connect timed out after 5000 ms" }; p.Tls = null; })
            .Build(),

        ["route-drops-registry-traffic"] = () => Base("A leftover user-defined route sends the registry's eastus prefix to next hop None: connections from the agent subnet time out.")
            .ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22")
            .RouteTable("rt-build", ("blackhole-acr", "20.42.64.0/22", "None", null))
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", routeTableId: B.RouteTableId("rt-build")).VirtualNetwork("vnet-hub")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet).HealthyProbe()
            .WithLoginProbe(p => { p.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = "20.42.65.1", Error = "connect timed out after 5000 ms" }; p.Tls = null; p.Http = null; })
            .Build(),

        ["aks-pools-paths"] = () => PrivateRegistry("An AKS cluster's three agent-pool subnets judged from configuration: the zone is linked to the cluster's VNet; the gpu pool's NSG allows only the AzureContainerRegistry tag, so the private endpoint's address falls to its deny-all rule.")
            .ServiceTag("AzureContainerRegistry", "20.42.64.0/22", "20.50.0.0/21")
            .VirtualNetwork("vnet-aks", "10.2.0.0/16").ZoneLink(B.VnetId("vnet-aks"))
            .Subnet("vnet-aks", "aks-system", "10.2.0.0/22").Subnet("vnet-aks", "aks-user", "10.2.4.0/22")
            .Subnet("vnet-aks", "aks-gpu", "10.2.8.0/22", nsgId: B.NsgId("nsg-aks-gpu"))
            .Nsg("nsg-aks-gpu", new NsgRule("AllowAcrOutbound", 200, "Allow", "AzureContainerRegistry"), new NsgRule("DenyAllOutbound", 300, "Deny", "*", Port: "*", Protocol: "*"))
            .SourceSubnets("aks", AksCluster, B.SubnetId("vnet-aks", "aks-system"), B.SubnetId("vnet-aks", "aks-user"), B.SubnetId("vnet-aks", "aks-gpu"))
            .Build(),

        ["aks-kubelet-cannot-pull"] = () => Base("An AKS cluster (--aks) whose kubelet identity holds no role on the registry (only a user holds AcrPull): the network path is open, every pull fails with 401.")
            .VirtualNetwork("vnet-aks", "10.2.0.0/16").Subnet("vnet-aks", "aks-system", "10.2.0.0/22")
            .AksCluster().RoleAssignmentsRead()
            .RoleAssignment("ce2ce14e-85d7-4629-bdbc-454d0519d987", B.RoleDefinitionId(B.AcrPullRoleId)).AcrPullDefinition()
            .Build(),

        ["aks-node-nsg-diagnosed"] = () => Base("An AKS cluster (--aks) whose pool subnet has no NSG, while an NSG on the nodes' NICs denies 443 to the registry: ARM has no effective rules for scale-set NICs, so only Network Watcher's NSG diagnostic of one node's NIC shows it.")
            .ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .VirtualNetwork("vnet-aks", "10.2.0.0/16").Subnet("vnet-aks", "aks-system", "10.2.0.0/22")
            .AksCluster().RoleAssignmentsRead().RoleAssignment(B.KubeletObjectId, B.RoleDefinitionId(B.AcrPullRoleId)).AcrPullDefinition()
            .AksPoolScaleSet("system", B.SubnetId("vnet-aks", "aks-system"), "10.2.0.4", nicNsgId: B.NsgId("aks-agentpool-12345678-nsg"))
            .NetworkWatchers("eastus")
            .NsgDiagnosed(B.ScaleSetNicId("aks-system-12345678-vmss"), "20.42.66.0", "Deny",
                (B.NsgId("aks-agentpool-12345678-nsg"), B.ScaleSetNicId("aks-system-12345678-vmss"), "UserRule_DenyInternetOutbound", "Deny"))
            .Build(),

        ["effective-route-from-gateway"] = () => Base("A VM (--from <vm>) whose subnet has no route table: only the routes Azure applies to its NIC show the 0.0.0.0/0 learned from the VPN gateway (BGP), which sends registry traffic on-premises.")
            .ClientVmFrom()
            .EffectiveRoutes("vm-app-nic", ("Default", "10.2.0.0/16", "VnetLocal", null), ("VirtualNetworkGateway", "0.0.0.0/0", "VirtualNetworkGateway", "10.255.0.4"))
            .EffectiveNsg("vm-app-nic", "nsg-app", B.SubnetId("vnet-app", "snet-client"))
            .Build(),

        ["effective-route-drops"] = () => PrivateRegistry("A VM (--from <vm>) in a VNet linked to the zone but not peered with the hub: the routes Azure applies to its NIC have no route to the private endpoint, and 10.0.0.0/8 goes to None.")
            .ClientVmFrom().ZoneLink(B.VnetId("vnet-app"))
            .EffectiveRoutes("vm-app-nic", ("Default", "10.2.0.0/16", "VnetLocal", null), ("Default", "0.0.0.0/0", "Internet", null), ("Default", "10.0.0.0/8", "None", null))
            .Build(),

        ["watcher-flow-denied"] = () => Base("Network Watcher's own checks from the VM (--from <vm>): IP flow verify finds a security rule denying 443 to the registry, and the connectivity check stops at the VM's NIC.")
            .ClientVmFrom().NetworkWatchers("eastus")
            .FlowVerified("20.42.66.0", "Deny", "securityRules/DenyWebOut").ConnectivityChecked("contoso.azurecr.io", "Disconnected", issue: "NetworkSecurityRule")
            .Build(),

        ["tasks-blocked"] = () => Base("Selected networks only, trusted services bypass turned off, and two ACR Tasks on shared agents.")
            .DefaultDeny().IpRule("203.0.113.0/24").Bypass("None").RegistryProperty("networkRuleBypassAllowedForTasks", false).Tasks(2)
            .Build(),

        ["logs-denied-logins"] = () => Base("Login events show a CI runner's address refused 42 times: it is not in the IP rules.")
            .DefaultDeny().IpRule("16.17.18.0/24")
            .LoginEvents(B.LoginEvent("198.51.100.23", "403", "403 Forbidden: client with IP '198.51.100.23' is not allowed access.", 42, "github-actions-sp"),
                         B.LoginEvent("16.17.18.20", "200", "200 OK", 1200, "aks-kubelet"))
            .Build(),

        ["logs-azure-service-denied"] = () => Base("Selected networks only. The ACR task build-app runs on ACR's shared agents: its logins from the AzureContainerRegistry.EastUS range are refused, and so are a GitHub-hosted runner's from an AzureCloud address. Neither is fixed by allowing the address.")
            .DefaultDeny().IpRule("203.0.113.0/24")
            .TaskWithIdentity("build-app", BuildAppPrincipal).RegistryCurrent(networkRuleBypassAllowedForTasks: false)
            // Real prefixes of both tags (test/fixtures/reference/service-tags), a few of each.
            .ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24", "20.42.67.0/24", "20.42.74.64/26", "20.62.128.0/26")
            .ServiceTag("AzureCloud.eastus", "4.156.0.0/15", "4.227.128.0/17", "4.236.128.0/17", "4.246.128.0/17")
            .LoginEvents(B.LoginEvent("20.42.66.17", "403", "403 Forbidden: client with IP '20.42.66.17' is not allowed access.", 12, BuildAppPrincipal),
                         B.LoginEvent("4.156.12.34", "403", "403 Forbidden: client with IP '4.156.12.34' is not allowed access.", 5, "github-actions-sp"),
                         B.LoginEvent("203.0.113.40", "200", "200 OK", 300, "dev-laptop"))
            .Build(),

        ["auth-suspected"] = () => Base("The network is fine: login events show 401s for an expired service principal secret.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .LoginEvents(B.LoginEvent("203.0.113.7", "401", "401 Unauthorized: authentication required", 17, "build-sp"))
            .Build(),

        ["combined-multi-cause"] = () => PrivateRegistry("Several causes at once: the spoke VNet is not linked to the zone, the Docker daemon lacks the shell's proxy, trusted services are off and ACR Tasks run on shared agents.")
            .Bypass("None").RegistryProperty("networkRuleBypassAllowedForTasks", false).Tasks(1)
            .Subnet("vnet-spoke", "snet-aks", "10.2.0.0/22").VirtualNetwork("vnet-spoke", "10.2.0.0/16").Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16")
            .Vantage(VantageKind.AksNode, subnetId: SpokeAksSubnet)
            .PublicViaPrivatelinkProbe()
            .Proxy(new ProxyEvidence { Environment = new ProxySettings { Source = "environment", HttpsProxy = "http://proxy.corp.example:3128", BypassesRegistry = false }, DockerConfigInspected = true })
            .Build(),

        ["network-settings-standard-tier"] = () => B.Create().Registry("contoso", "eastus", sku: "Standard").ReplicationsRead()
            .Describe("A Standard registry whose template still sets selected networks and an IP rule: the portal refuses to save network settings (they need Premium), and the signed-in identity holds Reader only.")
            .DiagnosticSetting("send-to-law", Workspace, "ContainerRegistryLoginEvents")
            .DefaultDeny().IpRule("198.51.100.0/24").ReaderOnly()
            .Vantage(VantageKind.Local).HealthyProbe()
            .Build(),

        ["network-rule-limit-reached"] = () => WithIpRules(Base("Selected networks with 200 IP rules, the documented maximum: adding the next office's address fails with \"Failed to save firewall and virtual network settings\".").DefaultDeny(), 200)
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .Build(),

        ["service-endpoint-from-laptop"] = () => Base("Selected networks admit the build subnet through a service endpoint (VNet) rule; a developer's laptop outside Azure relies on it and is refused: only an IP rule can admit it.")
            .DefaultDeny().VnetRule(HubBuildSubnet)
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).VirtualNetwork("vnet-hub").Provider(B.Subscription)
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .WithLoginProbe(p => p.Http = Forbidden("client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.", "203.0.113.7"))
            .Build(),

        ["private-endpoint-nsg-denies-inbound"] = () => PrivateRegistry("Network policies for private endpoints are enabled on the endpoint's subnet, and its NSG denies inbound traffic from the build subnet: connections to the private address time out.")
            .Nsg("nsg-pe", new NsgRule("DenyBuildSubnetInbound", 300, "Deny", "*", Source: "10.1.1.0/24", Direction: "Inbound"))
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", nsgId: B.NsgId("nsg-pe"), usedAddresses: 3)
            .SubnetProperty("vnet-hub", "snet-pe", "privateEndpointNetworkPolicies", "Enabled")
            .Vantage(VantageKind.AzureVm, subnetId: HubBuildSubnet)
            .PrivateProbe("contoso.azurecr.io", "10.1.0.4").PrivateProbe("contoso.eastus.data.azurecr.io", "10.1.0.5", EndpointPurpose.DataEndpoint, "eastus")
            .TcpBlocked("contoso.azurecr.io").TcpBlocked("contoso.eastus.data.azurecr.io")
            .Build(),

        ["pull-test-token-refused"] = () => Base("probe --pull-test from a laptop: every endpoint answers, and the registry refuses to exchange the signed-in identity's Microsoft Entra token (no AcrPull): credentials, not the network.")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .PullTest(("exchange", 401, "UNAUTHORIZED: the identity is not authorized to access the registry"))
            .Build(),

        ["pull-test-storage-blocked"] = () => Base("probe --pull-test: the token exchange, manifest and blob request work; the blob redirects to the registry's storage account, which the client firewall does not allow (TCP times out).")
            .Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe()
            .HealthyProbe("contosoeastus.blob.core.windows.net", "20.60.1.4", EndpointPurpose.Storage, "eastus")
            .TcpBlocked("contosoeastus.blob.core.windows.net")
            .PullTest(("exchange", 200, null), ("token", 200, null), ("manifest", 200, null), ("blob", 307, null), ("storage", null, "connect timed out"))
            .Build(),
    };

    /// <summary>The registry every sample starts from, with a diagnostic setting sending login events to a workspace.</summary>
    private static B Base(string description, bool diagnostics = true)
    {
        var b = B.Create().Registry("contoso", "eastus").Describe(description).ReplicationsRead();
        return diagnostics ? b.DiagnosticSetting("send-to-law", Workspace, "ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents") : b;
    }

    /// <summary>Public access disabled, an approved private endpoint in the hub, zone linked to the hub, records matching.</summary>
    private static B PrivateRegistry(string description, string? replicaBeforeDns = null, string? staleRecordIp = null)
    {
        var b = Base(description).PublicAccessDisabled();
        if (replicaBeforeDns is not null) b.Replica(replicaBeforeDns).DataEndpoints();
        b.PrivateEndpointWithDns("vnet-hub", "snet-pe", recordIpOverride: staleRecordIp, skipRecordsFor: replicaBeforeDns)
         .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", usedAddresses: 3)
         .Subnet("vnet-hub", "snet-build", "10.1.1.0/24").VirtualNetwork("vnet-hub");
        return b;
    }

    /// <summary>Allows 203.0.113.0/24 (the sample laptop's range) and /32s after it, <paramref name="count"/> rules in all.</summary>
    private static B WithIpRules(B b, int count)
    {
        b.IpRule("203.0.113.0/24");
        for (var i = 1; i < count; i++) b.IpRule($"198.51.{i / 250}.{i % 250 + 1}");
        return b;
    }

    private static HttpProbe Forbidden(string message, string ip) => new()
    {
        Url = "https://contoso.azurecr.io/v2/", StatusCode = 403,
        BodySnippet = $"{{\"errors\":[{{\"code\":\"DENIED\",\"message\":\"{message}\"}}]}}", DeniedClientIp = ip,
    };

    private static B PrivateProbe(this B b, string host, string ip, string purpose = EndpointPurpose.LoginServer, string? region = null) =>
        b.HealthyProbe(host, ip, purpose, region).WithProbe(host, p =>
            p.Dns[0].CnameChain = [host, host.Replace(".azurecr.io", ".privatelink.azurecr.io")]);

    /// <summary>From outside the zone's links, the privatelink CNAME leads to the registry's public address, and ACR refuses.</summary>
    private static B PublicViaPrivatelinkProbe(this B b) =>
        b.HealthyProbe("contoso.azurecr.io", "20.42.65.1").WithLoginProbe(p =>
        {
            p.Dns[0].CnameChain = ["contoso.azurecr.io", "contoso.privatelink.azurecr.io", "eastus.fe.azcr.io"];
            p.Http = Forbidden("client with IP '20.81.4.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.", "20.81.4.12");
        });
}
