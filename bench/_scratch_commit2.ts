import { commitNetEntities } from '../engine/net/index';
import { createToyWorld } from '../engine/net/testWorld';
const world = createToyWorld(1, 1000);
const e = world.entities;
for (let i = 1; i < 40000; i++) commitNetEntities(e, i);
