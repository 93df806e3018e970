using System.Net;
using MusicPlayer.Api.Security;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The rate limits' key for a client address: IPv4 as is, IPv6 by its /64.</summary>
public sealed class ClientPartitionTests
{
    private static string Of(string address) => ClientPartition.Of(IPAddress.Parse(address));

    [Fact]
    public void Of_Ipv6AddressesInOneSlash64_AreOnePartition()
    {
        Of("2001:db8:1:2::1").Should().Be(Of("2001:db8:1:2:ffff:ffff:ffff:ffff")).And.Be("2001:db8:1:2::/64");
        Of("2001:db8:1:2:3:4:5:6").Should().Be("2001:db8:1:2::/64");
    }

    [Fact]
    public void Of_Ipv6AddressesInNeighbouringSlash64s_AreDifferentPartitions()
    {
        Of("2001:db8:1:2::1").Should().NotBe(Of("2001:db8:1:3::1"));
        Of("2001:db8:1:2::1").Should().NotBe(Of("2001:db9:1:2::1"));
    }

    [Fact]
    public void Of_Ipv4_IsTheAddressItselfAndIpv4MappedIpv6IsTheSameClient()
    {
        Of("203.0.113.7").Should().Be("203.0.113.7");
        Of("203.0.113.8").Should().NotBe(Of("203.0.113.7"));
        Of("::ffff:203.0.113.7").Should().Be("203.0.113.7");
    }

    [Fact]
    public void Of_NoAddress_IsOnePartitionOfItsOwn()
    {
        ClientPartition.Of(null).Should().Be("unknown");
        Of("::1").Should().Be("::/64");
    }
}
