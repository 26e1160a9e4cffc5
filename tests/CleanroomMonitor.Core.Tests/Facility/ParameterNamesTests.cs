using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Facility;

public sealed class ParameterNamesTests
{
    [Theory]
    [InlineData(Parameter.ParticlesHalfMicron, "≥0.5 µm particles", "/m³")]
    [InlineData(Parameter.ParticlesFiveMicron, "≥5.0 µm particles", "/m³")]
    [InlineData(Parameter.DifferentialPressure, "Differential pressure", "Pa")]
    [InlineData(Parameter.Temperature, "Temperature", "°C")]
    [InlineData(Parameter.RelativeHumidity, "Relative humidity", "%RH")]
    public void DisplayNameAndUnit_CatalogParameter_ReadableForms(Parameter parameter, string name, string unit)
    {
        Assert.Equal(name, parameter.DisplayName());
        Assert.Equal(unit, parameter.DisplayUnit());
        Assert.Equal(name, ParameterNames.DisplayName(parameter.WireName()));
    }

    [Fact]
    public void DisplayName_EveryCatalogParameter_HasOne() =>
        Assert.All(ParameterCatalog.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Parameter.DisplayName())));

    [Fact]
    public void DisplayName_UnknownWireName_ReturnedAsItIs() => Assert.Equal("ozone", ParameterNames.DisplayName("ozone"));

    [Fact]
    public void Readable_RuleWithWireNamesAndUnit_NoRawKeyLeft()
    {
        var text = ParameterNames.Readable("Alert samples of pc1/particles_0_5um in cr1: 3520001 1/m3; differential_pressure and co2");

        Assert.Equal("Alert samples of pc1/≥0.5 µm particles in cr1: 3520001 /m³; Differential pressure and co2", text);
    }
}
