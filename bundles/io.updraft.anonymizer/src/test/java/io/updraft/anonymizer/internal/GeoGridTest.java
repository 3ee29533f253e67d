package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.junit.Test;

public class GeoGridTest {
    private static final double EARTH_KM_PER_DEGREE = 111.195;

    @Test
    public void nearbyPointsShareTheCellCenter() {
        GeoGrid g = GeoGrid.parse("0.01");
        double[] a = g.snap(48.137154, 11.576124);
        double[] b = g.snap(48.131001, 11.570001);
        assertArrayEquals(a, b, 0);
        assertEquals(48.135, a[0], 1e-12);
    }

    @Test
    public void centerIsWithinTheCellAndSnappingIsStable() {
        Random r = new Random(42);
        for (String size : new String[] {"0.01", "0.1", "1", "7"}) {
            GeoGrid g = GeoGrid.parse(size);
            double s = Double.parseDouble(size);
            for (int i = 0; i < 20_000; i++) {
                double lat = r.nextDouble() * 180 - 90;
                double lon = r.nextDouble() * 360 - 180;
                double[] c = g.snap(lat, lon);
                assertTrue(size + " " + lat, Math.abs(c[0] - lat) <= s / 2 + 1e-9);
                assertArrayEquals(size + " " + lat + "," + lon, c, g.snap(c[0], c[1]), 0);
                // A cell is at least the grid size wide on the ground everywhere in it.
                double lonWidth = Math.abs(lonDistance(c[1], lon)) * 2;
                assertTrue(lonWidth * Math.cos(Math.toRadians(lat)) <= 360);
            }
        }
    }

    @Test
    public void cellsDoNotShrinkTowardsThePoles() {
        GeoGrid g = GeoGrid.parse("0.01");
        // Two points 400 m apart east-west at 85 degrees north: 0.041 degrees of longitude, one cell.
        double[] a = g.snap(85.0001, 10.0000);
        double[] b = g.snap(85.0001, 10.0100);
        double kmPerLonDegree = EARTH_KM_PER_DEGREE * Math.cos(Math.toRadians(85));
        assertTrue((10.0100 - 10.0000) * kmPerLonDegree < 0.1);
        assertArrayEquals(a, b, 0);
        double[] pole = g.snap(89.999, 123.4);
        assertEquals(89.995, pole[0], 1e-9);
        assertEquals(0, pole[1], 0);
        assertArrayEquals(pole, g.snap(89.9999, -77), 0);
        assertArrayEquals(new double[] {89.995, 0}, g.snap(90, 0), 1e-9);
    }

    @Test
    public void longitudeWrapsAtTheAntimeridian() {
        GeoGrid g = GeoGrid.parse("0.1");
        assertArrayEquals(g.snap(10, 180), g.snap(10, -180), 0);
        assertArrayEquals(g.snap(10, 179.99 - 360), g.snap(10, 179.99), 0);
        double[] east = g.snap(10, 179.99);
        double[] west = g.snap(10, -179.99);
        assertNotEquals(east[1], west[1], 0);
        assertTrue(east[1] < 180 && west[1] > -180);
    }

    @Test
    public void impossiblePointsAreRefused() {
        GeoGrid g = GeoGrid.parse("0.1");
        assertNull(g.snap(90.5, 0));
        assertNull(g.snap(Double.NaN, 0));
        assertNull(g.snap(0, Double.POSITIVE_INFINITY));
    }

    @Test
    public void badGridSizesAreNamed() {
        for (String bad : new String[] {"0", "-0.1", "181", "1km"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeoGrid.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().contains("grid size '" + bad + "'"));
        }
    }

    private static double lonDistance(double a, double b) {
        double d = ((a - b) % 360 + 540) % 360 - 180;
        return d;
    }
}
