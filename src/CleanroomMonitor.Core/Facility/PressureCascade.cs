using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>The site's pressure cascade as the facility file designs it: one link per differential-pressure sensor,
/// pointing from the higher- to the lower-pressure room. The direction comes from the design (a configured sign, else
/// the grades: cleaner is higher, Annex 1 4.14), never from the live value, so a reversed cascade shows as a negative
/// difference against the designed arrow instead of silently turning the arrow round.</summary>
public static class PressureCascade
{
    public static IReadOnlyList<CascadeLink> Links(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        var book = new LimitBook(facility);
        return facility.Sensors
            .Where(s => s.ReferenceRoom is not null && s.Measures(Parameter.DifferentialPressure))
            .Select(s =>
            {
                var sign = book.ExpectedSign(s);
                var reference = s.ReferenceRoom!.Value;
                return sign < 0 ? new CascadeLink(s.Id, reference, s.Room, sign) : new CascadeLink(s.Id, s.Room, reference, sign);
            })
            .ToList();
    }
}
